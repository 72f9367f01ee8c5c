import "server-only";
import { statement } from "../db/prepared";

/** Gold pairs' SQL (see lib/db/prepared.ts for how statements are declared and run). */

/**
 * Gold answers per annotator on the scored criterion: correct when the intact image was chosen
 * (a tie or the broken copy is a miss). `annotatorId` null for every annotator.
 */
export const GOLD_RECORDS = statement<
  { annotatorId: string; judged: number; correct: number },
  [criterionId: string, annotatorId: string | null]
>(
  "gold_records",
  `SELECT j."annotatorId", count(*)::int AS judged,
          count(*) FILTER (WHERE (j.choice = 'left' AND j."leftImageId" = g."expectedImageId")
                              OR (j.choice = 'right' AND j."leftImageId" <> g."expectedImageId"))::int AS correct
   FROM "Judgment" j JOIN "GoldPair" g ON g."pairId" = j."pairId"
   WHERE j."criterionId" = $1 AND ($2::text IS NULL OR j."annotatorId" = $2)
   GROUP BY j."annotatorId"`,
);

/** Up to `limit` generated images of the campaign without a degraded copy yet, at random. */
export const GOLD_SOURCES = statement<
  { id: string; modelId: string | null; promptId: string; seed: number; storageKey: string },
  [campaignId: string, limit: number]
>(
  "gold_sources",
  `SELECT i.id, i."modelId", i."promptId", i.seed, i."storageKey" FROM "Image" i
   WHERE i."campaignId" = $1 AND i.kind = 'generated'
     AND NOT EXISTS (SELECT 1 FROM "Image" d WHERE d."campaignId" = i."campaignId" AND d.kind = 'gold_degraded'
                       AND d."modelId" = i."modelId" AND d."promptId" = i."promptId" AND d.seed = i.seed)
   ORDER BY random() LIMIT $2`,
);
