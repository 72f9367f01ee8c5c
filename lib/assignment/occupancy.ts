import "server-only";
import type { Prisma } from "../db";

type Tx = Prisma.TransactionClient;

/**
 * How many of a pair's slots per criterion are taken by annotators other than `annotatorId`:
 * an annotator takes a slot of criterion c when they judged c on the pair, or hold a live lease
 * that asks c. Judgments count whatever their assignment's state (an expired lease with a
 * partial answer still holds the answered criterion), so a pair can never be overfilled.
 * Call with the pair row locked.
 */
export async function slotsTaken(tx: Tx, pairId: string, annotatorId: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ criterionId: string; n: bigint }[]>`
    SELECT "criterionId", count(*) AS n FROM (
      SELECT a."annotatorId", c AS "criterionId"
      FROM "Assignment" a, unnest(a."criterionIds") AS c
      WHERE a."pairId" = ${pairId} AND a."annotatorId" <> ${annotatorId}
        AND a.status = 'leased' AND a."leaseExpiresAt" > now()
      UNION
      SELECT j."annotatorId", j."criterionId" FROM "Judgment" j
      WHERE j."pairId" = ${pairId} AND j."annotatorId" <> ${annotatorId}
    ) taken
    GROUP BY "criterionId"`;
  return new Map(rows.map((r) => [r.criterionId, Number(r.n)]));
}
