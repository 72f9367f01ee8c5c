import { bootstrapMatchups } from "../matchup-bootstrap";
import { buildMatchupStats } from "../matchups";
import { leaderboardFromReplicates, type Leaderboard } from "../leaderboard";
import { DEFAULT_PRIOR_PRECISION } from "../bradley-terry";
import type { Judgment, Winner } from "../types";
import { checkRankings, type RankingRecord } from "./rankings";

/**
 * Full rank breaking: every ranking of K items becomes its K(K − 1)/2 pairwise outcomes — the item
 * ranked better wins, equal ranks are a tie (which Bradley–Terry counts as half a win each).
 * Pairs keep the ranking's prompt, category and annotator; modelA is the item shown in the earlier
 * slot. The broken pairs of one ranking are not independent (one annotator's one ordering): every
 * interval built on them must resample whole prompts (rankBrokenLeaderboard does), never pairs.
 * Why it is consistent: under Plackett–Luce (a random-utility model with Gumbel noise) the chance
 * that i is ranked above j is exactly σ(θᵢ − θⱼ), the Bradley–Terry probability, whatever else was
 * in the ranking; so the Bradley–Terry fit on broken pairs is a composite-likelihood estimator of
 * the same strengths — consistent, a little less efficient than the Plackett–Luce likelihood
 * (plackettLuce), and with dependent terms, hence the prompt bootstrap.
 * Reference: Azari Soufiani, Chen, Parkes & Xia (2014), "Computing parametric ranking models via
 * rank-breaking", ICML (full breaking is consistent for Plackett–Luce); Yellott (1977), J. Math.
 * Psychol. 15:109 (Luce's model as Gumbel random utility); Varin, Reid & Firth (2011), Stat. Sin.
 * 21:5 (composite likelihood).
 * Complexity: O(Σ K²) over rankings.
 */
export function breakRankings(rankings: readonly RankingRecord[]): Judgment[] {
  checkRankings(rankings);
  const out: Judgment[] = [];
  rankings.forEach((r, n) => {
    const { items } = r;
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const d = items[i].rank - items[j].rank;
        const winner: Winner = d < 0 ? "A" : d > 0 ? "B" : "tie";
        out.push({
          pairId: `${n}:${i}:${j}`,
          promptId: r.promptId,
          category: r.category,
          annotatorId: r.annotatorId,
          modelA: items[i].model,
          modelB: items[j].model,
          winner,
        });
      }
  });
  return out;
}

export interface RankingLeaderboardOptions {
  rounds: number;
  seed: number;
  level?: number;
  priorPrecision?: number;
  anchor?: { model: string; rating: number };
}

/**
 * Bradley–Terry leaderboard of rank-broken rankings (breakRankings → the pairwise leaderboard,
 * leaderboardFromReplicates): Arena-scale ratings, percentile intervals from the prompt bootstrap —
 * whole prompts, with all their rankings and every pair broken from them, are resampled together,
 * which is what keeps the intervals honest about the dependence among one ranking's pairs —, and
 * interval-aware ranks per comparison component.
 * Reference: see breakRankings, fitBradleyTerry and leaderboardFromReplicates.
 * Complexity: O(P log P + B·(k + E + I·K³)) for P broken pairs, B rounds, k prompts, E (prompt,
 * pair) cells, K models.
 */
export function rankBrokenLeaderboard(
  rankings: readonly RankingRecord[],
  options: RankingLeaderboardOptions,
): Leaderboard {
  const priorPrecision = options.priorPrecision ?? DEFAULT_PRIOR_PRECISION;
  const stats = buildMatchupStats(breakRankings(rankings), "prompt");
  const replicates = bootstrapMatchups(stats, { rounds: options.rounds, seed: options.seed, priorPrecision });
  return leaderboardFromReplicates(stats, replicates, {
    level: options.level,
    resample: "prompts",
    priorPrecision,
    rounds: options.rounds,
    anchor: options.anchor,
  });
}
