import "server-only";
import type { CurrentUser } from "../auth/guard";
import { itemReportBasis, type ItemReportHead, type ItemSnapshotCounts } from "../results/item-report";
import type { ResultsSettings } from "../results/settings";
import type { Leaderboard } from "../stats/leaderboard";
import { plackettLuceLeaderboard } from "../stats/ranking/plackett-luce";
import { rankBrokenLeaderboard } from "../stats/ranking/rank-breaking";
import { rankingConcordance, type RankingConcordance } from "../stats/ranking/kendall-w";
import { slotBias, type SlotBias } from "../stats/ranking/slot-bias";
import { loadRankings } from "./ranking-records";

/** A ranking campaign's results: what its page, JSON and HTML report show (issue 22). */
export interface RankingReport extends ItemReportHead {
  kind: "ranking";
  question: string;
  dataSnapshot: { rankings: number; sets: number } & ItemSnapshotCounts;
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
  const { analysed, options, head, counts } = itemReportBasis(campaign, rankings, settings);
  const any = analysed.length > 0;
  return {
    kind: "ranking",
    ...head,
    question,
    dataSnapshot: { rankings: rankings.length, sets: new Set(analysed.map((r) => r.itemId)).size, ...counts },
    rankBroken: any ? rankBrokenLeaderboard(analysed, options) : null,
    plackettLuce: any ? plackettLuceLeaderboard(analysed, options) : null,
    concordance: any ? rankingConcordance(analysed) : null,
    slotBias: any ? slotBias(analysed, settings.level) : [],
  };
}
