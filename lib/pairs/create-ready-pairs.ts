import "server-only";
import { db, Prisma } from "../db";

/**
 * Creates every pair whose two images now exist, for the model pairs the campaign's design
 * names (all pairs, or each model against the baseline). Idempotent and safe to run from many
 * workers at once: the unique (campaign, imageA, imageB) key absorbs repeats.
 * imageA is always the model listed first in the campaign, so pair identity is stable;
 * what the annotator sees left is drawn per assignment.
 */
export async function createReadyPairs(campaignId: string, only?: { promptId: string; seed: number }[]): Promise<number> {
  if (only && only.length === 0) return 0;
  // A worker pairs just the (prompt, seed)s it recorded: an indexed lookup instead of a scan.
  const restrict = only
    ? Prisma.sql`AND (ia."promptId", ia.seed) IN (${Prisma.join(only.map((k) => Prisma.sql`(${k.promptId}, ${k.seed})`))})`
    : Prisma.empty;
  return db.$executeRaw`
    WITH campaign AS (
      SELECT "pairDesign", "baselineModelId" FROM "Campaign" WHERE id = ${campaignId}
    ), design AS MATERIALIZED (
      SELECT ma."modelId" AS a, mb."modelId" AS b
      FROM "CampaignModel" ma
      JOIN "CampaignModel" mb ON mb."campaignId" = ma."campaignId" AND ma.position < mb.position
      CROSS JOIN campaign c
      WHERE ma."campaignId" = ${campaignId}
        AND (c."pairDesign" = 'all_pairs' OR ma."modelId" = c."baselineModelId" OR mb."modelId" = c."baselineModelId")
    )
    INSERT INTO "Pair" (id, "campaignId", "promptId", seed, "imageAId", "imageBId")
    SELECT 'pr' || replace(gen_random_uuid()::text, '-', ''), ${campaignId}, ia."promptId", ia.seed, ia.id, ib.id
    FROM design d
    JOIN "Image" ia ON ia."campaignId" = ${campaignId} AND ia."modelId" = d.a AND ia.kind = 'generated' ${restrict}
    -- LATERAL + LIMIT 1 (which keeps the planner from flattening it): each image's partner is one probe of the unique image key, whatever the planner
    -- believes about row counts (a fresh campaign has no statistics yet, and a plain join was
    -- planned as a quadratic loop: 0.2 s for 400 images, growing with the square).
    CROSS JOIN LATERAL (
      SELECT ib.id FROM "Image" ib
      WHERE ib."campaignId" = ${campaignId} AND ib."modelId" = d.b AND ib."promptId" = ia."promptId" AND ib.seed = ia.seed AND ib.kind = 'generated'
      LIMIT 1
    ) ib
    ON CONFLICT ("campaignId", "imageAId", "imageBId") DO NOTHING`;
}
