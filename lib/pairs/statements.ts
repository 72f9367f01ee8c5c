import "server-only";
import { statement } from "../db/prepared";

/** Pairing's SQL (see lib/db/prepared.ts for how statements are declared and run). */

/** The model pairs the campaign's design names, model A listed before model B (none unless it is pairwise: a rating campaign's items are its images). */
const DESIGN = `
  WITH campaign AS (
    SELECT "pairDesign", "baselineModelId" FROM "Campaign" WHERE id = $1 AND "taskType" = 'pairwise'
  ), design AS MATERIALIZED (
    SELECT ma."modelId" AS a, mb."modelId" AS b
    FROM "CampaignModel" ma
    JOIN "CampaignModel" mb ON mb."campaignId" = ma."campaignId" AND ma.position < mb.position
    CROSS JOIN campaign c
    WHERE ma."campaignId" = $1
      AND (c."pairDesign" IN ('all_pairs', 'adaptive') OR ma."modelId" = c."baselineModelId" OR mb."modelId" = c."baselineModelId")
  )`;

/**
 * Pairs every model-A image that imagesA joins in with its model-B partner. LATERAL + LIMIT 1
 * (which keeps the planner from flattening it): each image's partner is one probe of the unique image key,
 * whatever the planner believes about row counts (a fresh campaign has no statistics yet, and a
 * plain join was planned as a quadratic loop: 0.2 s for 400 images, growing with the square).
 */
const pairImages = (imagesA: string) => `${DESIGN}
  INSERT INTO "Pair" (id, "campaignId", "promptId", seed, "imageAId", "imageBId")
  SELECT 'pr' || replace(gen_random_uuid()::text, '-', ''), $1, ia."promptId", ia.seed, ia.id, ib.id
  FROM design d
  ${imagesA}
  CROSS JOIN LATERAL (
    SELECT ib.id FROM "Image" ib
    WHERE ib."campaignId" = $1 AND ib."modelId" = d.b AND ib."promptId" = ia."promptId" AND ib.seed = ia.seed AND ib.kind = 'generated'
    LIMIT 1
  ) ib
  ON CONFLICT ("campaignId", "imageAId", "imageBId") DO NOTHING`;

/** The sweep: every image of the campaign. */
export const PAIR_ALL = statement<never, [campaignId: string]>(
  "pair_all_ready",
  pairImages(`JOIN "Image" ia ON ia."campaignId" = $1 AND ia."modelId" = d.a AND ia.kind = 'generated'`),
);

/** A worker's batch: just the (prompt, seed)s it recorded, each one probe of the image key. */
export const PAIR_ONLY = statement<never, [campaignId: string, promptIds: string[], seeds: number[]]>(
  "pair_recorded",
  pairImages(`CROSS JOIN unnest($2::text[], $3::int[]) AS k("promptId", seed)
  JOIN "Image" ia ON ia."campaignId" = $1 AND ia."modelId" = d.a AND ia."promptId" = k."promptId" AND ia.seed = k.seed AND ia.kind = 'generated'`),
);
