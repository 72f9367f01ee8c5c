import type { Leaderboard } from "../leaderboard";
import { rankingConcordance, type RankingConcordance } from "./kendall-w";
import { plackettLuceLeaderboard } from "./plackett-luce";
import { rankBrokenLeaderboard } from "./rank-breaking";
import type { RankingRecord } from "./rankings";
import { slotBias, type SlotBias } from "./slot-bias";

/** What a ranking campaign's results show (each null, or empty, without a ranking). */
export interface RankingFigures {
  /** Bradley–Terry on the rankings broken into pairs, prompt bootstrap. */
  rankBroken: Leaderboard | null;
  /** Plackett–Luce on the rankings, same resamples. */
  plackettLuce: (Leaderboard & { converged: boolean }) | null;
  /** Kendall's W per set ranked at least twice, its mean and a pooled test. */
  concordance: RankingConcordance | null;
  /** How often each display slot's image was ranked first, per K. */
  slotBias: SlotBias[];
}

/**
 * The figures of a ranking campaign's results page and of `photogenic analyze` on its rankings
 * CSV: the rank-broken Bradley–Terry and the Plackett–Luce leaderboards (prompt bootstrap of
 * `rounds` with `seed`, intervals at `level`), Kendall's W and slot bias.
 * Complexity: that of the two leaderboards.
 */
export function rankingFigures(
  rankings: readonly RankingRecord[],
  options: { rounds: number; seed: number; level: number },
): RankingFigures {
  if (rankings.length === 0) return { rankBroken: null, plackettLuce: null, concordance: null, slotBias: [] };
  return {
    rankBroken: rankBrokenLeaderboard(rankings, options),
    plackettLuce: plackettLuceLeaderboard(rankings, options),
    concordance: rankingConcordance(rankings),
    slotBias: slotBias(rankings, options.level),
  };
}
