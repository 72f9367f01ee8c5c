import { describe, expect, it } from "vitest";
import { db } from "../db";
import { leaseAssignments } from "./lease-assignments";
import { submitJudgment } from "../judgments/submit-judgment";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";

/** One simulated annotator: lease, answer every criterion asked, repeat until nothing is left. */
async function annotate(campaignId: string, annotatorId: string): Promise<number> {
  let judged = 0;
  for (;;) {
    const { leases } = await leaseAssignments(campaignId, annotatorId, 1);
    const lease = leases[0];
    if (!lease) return judged;
    for (const criterionId of lease.criterionIds) {
      const choice = Math.random() < 0.5 ? "left" : "right";
      await submitJudgment(annotatorId, {
        assignmentId: lease.assignmentId,
        criterionId,
        choice,
        idempotencyKey: uid("key-"),
        latencyMs: 1500,
      });
      judged++;
    }
  }
}

describe("200 annotators fill a 100-pair campaign at once", () => {
  it(
    "every pair ends with exactly 5 + 3 judgments from distinct annotators, vanished leases are reassigned, sides balanced",
    { timeout: 300_000 },
    async () => {
      const { campaignId } = await makeAnnotatingCampaign({ pairs: 100 });
      const criteria = await db.criterion.findMany({ where: { campaignId } });
      const target = new Map(criteria.map((c) => [c.id, c.judgmentsPerPair]));
      expect([...target.values()].sort()).toEqual([3, 5]);

      const annotators = await makeAnnotators(220);
      await joinCampaign(campaignId, annotators);
      const [vanished, active] = [annotators.slice(0, 20), annotators.slice(20)];

      // 20 annotators take a pair each and disappear.
      const abandoned = await Promise.all(
        vanished.map(async (a) => (await leaseAssignments(campaignId, a, 1)).leases[0]),
      );
      expect(abandoned.every(Boolean)).toBe(true);

      // 200 annotators work at once until no pair is left for them.
      await Promise.all(active.map((a) => annotate(campaignId, a)));
      const held = new Set(abandoned.map((l) => l!.pairId));
      const short = await db.$queryRaw<{ pairId: string }[]>`
      SELECT p.id AS "pairId" FROM "Pair" p LEFT JOIN "Judgment" j ON j."pairId" = p.id
      WHERE p."campaignId" = ${campaignId} GROUP BY p.id HAVING count(j.id) < 8`;
      // Only the pairs held by the vanished annotators can still be short (their slots are leased).
      for (const { pairId } of short) expect(held.has(pairId)).toBe(true);
      expect(short.length).toBeGreaterThan(0);

      // Their leases lapse; the same 200 come back and the freed slots are reassigned.
      await db.assignment.updateMany({
        where: { annotatorId: { in: vanished } },
        data: { leaseExpiresAt: new Date(Date.now() - 1000) },
      });
      await Promise.all(active.map((a) => annotate(campaignId, a)));

      const counts = await db.$queryRaw<{ pairId: string; criterionId: string; n: bigint; annotators: bigint }[]>`
      SELECT j."pairId", j."criterionId", count(*) AS n, count(DISTINCT j."annotatorId") AS annotators
      FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = ${campaignId}
      GROUP BY 1, 2`;
      expect(counts).toHaveLength(200);
      for (const row of counts) {
        expect(Number(row.n)).toBe(target.get(row.criterionId));
        expect(Number(row.annotators)).toBe(Number(row.n));
      }
      expect(await db.judgment.count({ where: { annotatorId: { in: vanished } } })).toBe(0);

      const sides = await db.$queryRaw<{ left: bigint; total: bigint }[]>`
      SELECT count(*) FILTER (WHERE j."leftImageId" = p."imageAId") AS left, count(*) AS total
      FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = ${campaignId}`;
      const leftShare = Number(sides[0].left) / Number(sides[0].total);
      expect(Math.abs(leftShare - 0.5)).toBeLessThan(0.05);

      // The trigger-kept count the engine orders by equals a recount on every pair.
      const drift = await db.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM "Pair" p WHERE p."campaignId" = ${campaignId}
        AND p."completedAssignments" <> (SELECT count(*) FROM "Assignment" a WHERE a."pairId" = p.id AND a.status = 'completed')`;
      expect(drift).toEqual([]);
      expect(await db.pair.aggregate({ where: { campaignId }, _sum: { completedAssignments: true } })).toEqual({
        _sum: {
          completedAssignments: await db.assignment.count({ where: { pair: { campaignId }, status: "completed" } }),
        },
      });
    },
  );
});
