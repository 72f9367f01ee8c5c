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
    ), design AS (
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
    JOIN "Image" ia ON ia."campaignId" = ${campaignId} AND ia."modelId" = d.a AND ia.kind = 'generated'
    JOIN "Image" ib ON ib."campaignId" = ${campaignId} AND ib."modelId" = d.b AND ib.kind = 'generated'
      AND ib."promptId" = ia."promptId" AND ib.seed = ia.seed
    WHERE true ${restrict}
    ON CONFLICT ("campaignId", "imageAId", "imageBId") DO NOTHING`;
}
