import "server-only";
import { AppError } from "../errors";
import {
  cachedItemResults,
  itemReportBasis,
  type ItemReportHead,
  type ItemSnapshotCounts,
} from "../results/item-report";
import { ratingFigures, type RatingFigures } from "../stats/rating/rating-stats";
import type { RatingScale } from "../stats/rating/scales";
import { loadRatings, type RatingAspect } from "./rating-records";

/** A rating campaign's results: what its page, JSON and HTML report show (issue 22). */
export interface RatingReport extends ItemReportHead, RatingFigures {
  kind: "rating";
  dataSnapshot: { ratings: number; images: number } & ItemSnapshotCounts;
  aspects: Omit<RatingAspect, "id">[];
  // stats: per aspect (in the campaign's order) per model mean and distribution, differences, α;
  // byCategory: the same per prompt category, each with its own prompt bootstrap.
}

/**
 * The figures of a rating campaign from its stored ratings: ratingStats and
 * ratingStatsByCategory (lib/stats/rating ratingFigures, as `photogenic analyze` computes them) over every rating, flagged annotators left out when
 * the campaign excludes them; the settings' rounds, seed and level drive the prompt bootstrap.
 * A campaign of another task type is a 404 here (its results are lib/results').
 * Kept (lib/results/item-report.ts cachedItemResults) until a rating, an undo, a flag or an edit.
 * Complexity: one read of the ratings, then the statistics' own; a row or two when kept.
 */
export const ratingResults = cachedItemResults("rating", async (user, campaignId, settings): Promise<RatingReport> => {
  const { campaign, aspects, ratings } = await loadRatings(user, campaignId);
  if (campaign.taskType !== "rating") throw new AppError("NOT_FOUND", "Campaign not found");
  const { analysed, options, head, counts } = itemReportBasis(campaign, ratings, settings);
  const scales: Record<string, RatingScale> = Object.fromEntries(aspects.map((a) => [a.key, a.scale]));
  return {
    kind: "rating",
    ...head,
    dataSnapshot: { ratings: ratings.length, images: new Set(analysed.map((r) => r.imageId)).size, ...counts },
    aspects: aspects.map(({ id: _id, ...a }) => a),
    ...ratingFigures(analysed, scales, options),
  };
});
