import "server-only";
import { db } from "../db";

/**
 * Fills a campaign's regular pairs with synthetic judgments in a few SQL statements
 * (generate_series, no round trip per row): `annotators` new annotator accounts, each judging
 * every pair on every criterion until `limit` judgments exist. For the report bench (1,000,000
 * judgments) and the streaming test; choices lean towards model A so results are not flat.
 */
export async function insertSyntheticJudgments(campaignId: string, annotators: number, limit: number): Promise<number> {
  const tag = `syn-${campaignId}`;
  await db.$executeRaw`
    INSERT INTO "User" (id, email, role, "updatedAt")
    SELECT ${tag} || '-' || g, ${tag} || '-' || g || '@synthetic.local', 'annotator', now() FROM generate_series(1, ${annotators}::int) g
    ON CONFLICT DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO "Participation" (id, "campaignId", "userId", "createdAt")
    SELECT 'pa-' || u.id, ${campaignId}, u.id, now() FROM "User" u WHERE u.id LIKE ${tag + "-%"}
    ON CONFLICT DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO "Assignment" (id, "pairId", "annotatorId", "leftImageId", "criterionIds", status, "leaseExpiresAt", "createdAt", "completedAt")
    SELECT 'as-' || md5(p.id || u.id), p.id, u.id, CASE WHEN random() < 0.5 THEN p."imageAId" ELSE p."imageBId" END,
           (SELECT array_agg(c.id) FROM "Criterion" c WHERE c."campaignId" = ${campaignId}), 'completed', now(), now(), now()
    FROM "Pair" p CROSS JOIN "User" u
    WHERE p."campaignId" = ${campaignId} AND NOT p."isGold" AND u.id LIKE ${tag + "-%"}
    ON CONFLICT DO NOTHING`;
  return db.$executeRaw`
    INSERT INTO "Judgment" (id, "pairId", "criterionId", "annotatorId", "assignmentId", choice, "leftImageId", "latencyMs", "idempotencyKey", "createdAt")
    SELECT 'j-' || md5(a.id || c.id), a."pairId", c.id, a."annotatorId", a.id,
           (CASE WHEN r < (CASE WHEN a."leftImageId" = p."imageAId" THEN 0.55 ELSE 0.30 END) THEN 'left'
                 WHEN r < 0.85 THEN 'right'
                 WHEN 'tie' = ANY(c.choices) THEN 'tie' ELSE 'both' END)::"Choice",
           a."leftImageId", (800 + r * 4000)::int, 'syn-' || md5(a.id || c.id), now()
    FROM (SELECT *, random() AS r FROM "Assignment") a
    JOIN "Pair" p ON p.id = a."pairId" AND p."campaignId" = ${campaignId}
    CROSS JOIN "Criterion" c
    WHERE c."campaignId" = ${campaignId} AND a.id LIKE 'as-%'
    LIMIT ${limit}
    ON CONFLICT DO NOTHING`;
}
