import "server-only";
import {
  cachedItemResults,
  itemReportBasis,
  type ItemReportHead,
  type ItemSnapshotCounts,
} from "../results/item-report";
import { rankingFigures, type RankingFigures } from "../stats/ranking/ranking-figures";
import { loadRankings } from "./ranking-records";

/** A ranking campaign's results: what its page, JSON and HTML report show (issue 22). */
export interface RankingReport extends ItemReportHead, RankingFigures {
  kind: "ranking";
  question: string;
  dataSnapshot: { rankings: number; sets: number } & ItemSnapshotCounts;
}

/**
 * The figures of a ranking campaign from its stored rankings (lib/stats/ranking rankingFigures, as
 * `photogenic analyze` computes them): the rank-broken
 * Bradley–Terry leaderboard and the Plackett–Luce one (prompt bootstrap, the settings' rounds, seed
 * and level), Kendall's W and slot bias; flagged annotators left out when the campaign excludes them.
 * Kept (lib/results/item-report.ts cachedItemResults) until a ranking, an undo, a flag or an edit.
 * Complexity: one read of the rankings, then the statistics' own; a row or two when kept.
 */
export const rankingResults = cachedItemResults(
  "ranking",
  async (user, campaignId, settings): Promise<RankingReport> => {
    const { campaign, question, rankings } = await loadRankings(user, campaignId);
    const { analysed, options, head, counts } = itemReportBasis(campaign, rankings, settings);
    return {
      kind: "ranking",
      ...head,
      question,
      dataSnapshot: { rankings: rankings.length, sets: new Set(analysed.map((r) => r.itemId)).size, ...counts },
      ...rankingFigures(analysed, options),
    };
  },
);
