import "server-only";
import type { CurrentUser } from "../auth/guard";
import { codeVersion, type CodeVersion } from "../results/code-version";
import type { ResultsSettings } from "../results/settings";
import type { Leaderboard } from "../stats/leaderboard";
import { plackettLuceLeaderboard } from "../stats/ranking/plackett-luce";
import { rankBrokenLeaderboard } from "../stats/ranking/rank-breaking";
import { rankingConcordance, type RankingConcordance } from "../stats/ranking/kendall-w";
import { slotBias, type SlotBias } from "../stats/ranking/slot-bias";
import { loadRankings } from "./ranking-records";

/** A ranking campaign's results: what its page, JSON and HTML report show (issue 22). */
export interface RankingReport {
  kind: "ranking";
  campaign: { id: string; name: string; status: string };
  question: string;
  settings: { rounds: number; seed: number; level: number; flaggedAnnotatorsExcluded: boolean };
  codeVersion: CodeVersion;
  dataSnapshot: {
    rankings: number;
    analysed: number;
    excluded: number;
    sets: number;
    annotators: number;
    time: string | null;
  };
  /** Bradley–Terry on the rankings broken into pairs, prompt bootstrap (null without a ranking). */
  rankBroken: Leaderboard | null;
  /** Plackett–Luce on the rankings, same resamples (null without a ranking). */
  plackettLuce: (Leaderboard & { converged: boolean }) | null;
  /** Kendall's W per set ranked at least twice, its mean and a pooled test. */
  concordance: RankingConcordance | null;
  /** How often each display slot's image was ranked first, per K. */
  slotBias: SlotBias[];
}

/**
 * The figures of a ranking campaign from its stored rankings (lib/stats/ranking): the rank-broken
 * Bradley–Terry leaderboard and the Plackett–Luce one (prompt bootstrap, the settings' rounds, seed
 * and level), Kendall's W and slot bias; flagged annotators left out when the campaign excludes them.
 * Complexity: one read of the rankings, then the statistics' own.
 */
export async function rankingResults(
  user: CurrentUser,
  campaignId: string,
  settings: Pick<ResultsSettings, "rounds" | "seed" | "level">,
): Promise<RankingReport> {
  const { campaign, question, rankings } = await loadRankings(user, campaignId);
  const analysed = rankings.filter((r) => !(campaign.excludeFlagged && r.flagged));
  const options = { rounds: settings.rounds, seed: settings.seed, level: settings.level };
  const last = rankings.reduce<Date | null>((t, r) => (t && t > r.createdAt ? t : r.createdAt), null);
  const any = analysed.length > 0;
  return {
    kind: "ranking",
    campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
    question,
    settings: { ...options, flaggedAnnotatorsExcluded: campaign.excludeFlagged },
    codeVersion: codeVersion(),
    dataSnapshot: {
      rankings: rankings.length,
      analysed: analysed.length,
      excluded: rankings.length - analysed.length,
      sets: new Set(analysed.map((r) => r.itemId)).size,
      annotators: new Set(analysed.map((r) => r.annotatorId)).size,
      time: last?.toISOString() ?? null,
    },
    rankBroken: any ? rankBrokenLeaderboard(analysed, options) : null,
    plackettLuce: any ? plackettLuceLeaderboard(analysed, options) : null,
    concordance: any ? rankingConcordance(analysed) : null,
    slotBias: any ? slotBias(analysed, settings.level) : [],
  };
}
