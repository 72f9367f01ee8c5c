import "server-only";
import type { CurrentUser } from "../auth/guard";
import { csvLine } from "../results/csv";
import { loadRankings } from "./ranking-records";

/**
 * Every ranking of a user's ranking campaign as RFC 4180 CSV (lib/results/csv.ts), one row per
 * annotator, set and display slot, oldest first: the image shown in that slot, its model and rank
 * (1 = best, equal ranks tie). Annotators by their per-campaign pseudonym, prompts by their own id.
 */
export async function rankingsCsv(user: CurrentUser, campaignId: string): Promise<string> {
  const { rankings } = await loadRankings(user, campaignId);
  const lines = [
    csvLine([
      "annotator",
      "ranking",
      "set",
      "prompt",
      "category",
      "slot",
      "image",
      "model",
      "rank",
      "flagged",
      "created_at",
    ]),
  ];
  for (const r of rankings)
    r.items.forEach((item, s) =>
      lines.push(
        csvLine([
          r.annotatorId,
          r.rankingId,
          r.itemId,
          r.promptExternalId,
          r.category ?? "",
          s + 1,
          item.imageId,
          item.model,
          item.rank,
          r.flagged,
          r.createdAt.toISOString(),
        ]),
      ),
    );
  return lines.join("");
}
