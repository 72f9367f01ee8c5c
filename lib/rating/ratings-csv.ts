import "server-only";
import type { CurrentUser } from "../auth/guard";
import { AppError } from "../errors";
import { csvLine } from "../results/csv";
import { loadRatings } from "./rating-records";

/** The columns of the ratings CSV, which `photogenic analyze` reads back (lib/rating/ratings-csv-input.ts). */
export const RATINGS_CSV_COLUMNS = [
  "annotator",
  "image",
  "prompt",
  "category",
  "model",
  "aspect",
  "scale",
  "value",
  "flagged",
  "latency_ms",
  "created_at",
] as const;

/**
 * Every rating of a user's rating campaign as RFC 4180 CSV (lib/results/csv.ts: quoted, formula
 * cells defused), one row per annotator, image and aspect, oldest first. Annotators by their
 * per-campaign pseudonym, prompts by their own id, models by name: the researcher's view.
 */
export async function ratingsCsv(user: CurrentUser, campaignId: string): Promise<string> {
  const { campaign, ratings } = await loadRatings(user, campaignId);
  if (campaign.taskType !== "rating") throw new AppError("NOT_FOUND", "Campaign not found");
  const lines = [csvLine(RATINGS_CSV_COLUMNS)];
  for (const r of ratings)
    lines.push(
      csvLine([
        r.annotatorId,
        r.imageId,
        r.promptExternalId,
        r.category ?? "",
        r.model,
        r.aspect,
        r.scaleKind,
        r.value,
        r.flagged,
        r.latencyMs,
        r.createdAt.toISOString(),
      ]),
    );
  return lines.join("");
}
