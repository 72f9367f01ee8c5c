import "server-only";
import { db, Prisma } from "../db";

export interface GoldRecord {
  annotatorId: string;
  judged: number;
  correct: number;
}

/**
 * The criterion gold pairs are scored on: the first one asked without the prompt (an image
 * against a broken copy of itself is clearly less appealing, but may match the text as well),
 * else the first criterion.
 */
export function scoredCriterion<T extends { id: string; showPrompt: boolean; position: number }>(
  criteria: T[],
): T | undefined {
  const ordered = [...criteria].sort((a, b) => a.position - b.position);
  return ordered.find((c) => !c.showPrompt) ?? ordered[0];
}

/**
 * Gold answers per annotator: correct when the intact image was chosen (a tie or the broken
 * copy is a miss). Pass `annotatorId` for one annotator.
 */
export async function goldRecords(campaignId: string, annotatorId?: string): Promise<GoldRecord[]> {
  const criteria = await db.criterion.findMany({
    where: { campaignId },
    select: { id: true, showPrompt: true, position: true },
  });
  const scored = scoredCriterion(criteria);
  if (!scored) return [];
  const one = annotatorId ? Prisma.sql`AND j."annotatorId" = ${annotatorId}` : Prisma.empty;
  const rows = await db.$queryRaw<{ annotatorId: string; judged: bigint; correct: bigint }[]>`
    SELECT j."annotatorId", count(*) AS judged,
           count(*) FILTER (WHERE (j.choice = 'left' AND j."leftImageId" = g."expectedImageId")
                               OR (j.choice = 'right' AND j."leftImageId" <> g."expectedImageId")) AS correct
    FROM "Judgment" j JOIN "GoldPair" g ON g."pairId" = j."pairId"
    WHERE j."criterionId" = ${scored.id} ${one}
    GROUP BY j."annotatorId"`;
  return rows.map((r) => ({ annotatorId: r.annotatorId, judged: Number(r.judged), correct: Number(r.correct) }));
}
