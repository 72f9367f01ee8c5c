import { describe, expect, it } from "vitest";
import { db } from "../db";
import { leaseAssignments } from "./lease-assignments";
import { MAX_MODEL_SKEW } from "./statements";
import { EMU_CRITERIA } from "../campaigns/emu-criteria";
import { submitJudgment } from "../judgments/submit-judgment";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";

/** Model A's image left minus model B's over the campaign's assignments that are not released, counted afresh. */
async function recount(campaignId: string): Promise<{ pairs: Map<string, number>; total: number }> {
  const rows = await db.$queryRaw<{ pairId: string; skew: number }[]>`
    SELECT a."pairId", sum(CASE WHEN a."leftImageId" = p."imageAId" THEN 1 ELSE -1 END)::int AS skew
    FROM "Assignment" a JOIN "Pair" p ON p.id = a."pairId"
    WHERE p."campaignId" = ${campaignId} AND NOT p."isGold" AND a.status <> 'released' GROUP BY 1`;
  return { pairs: new Map(rows.map((r) => [r.pairId, r.skew])), total: rows.reduce((s, r) => s + r.skew, 0) };
}

async function kept(campaignId: string): Promise<number> {
  const rows = await db.sideBalance.findMany({ where: { campaignId } });
  expect(rows.length).toBeLessThanOrEqual(1); // one model pair
  return rows[0]?.skew ?? 0;
}

describe("left/right is balanced per model pair across the campaign", () => {
  it(
    "one vote per pair over many pairs (breadth-first): the model pair's sides stay within ±2, the kept balance equals a recount",
    { timeout: 180_000 },
    async () => {
      const { campaignId } = await makeAnnotatingCampaign({
        pairs: 40,
        criteria: [EMU_CRITERIA[0]],
      });
      const annotators = await makeAnnotators(6);
      await joinCampaign(campaignId, annotators);
      // 6 annotators take turns, one pair at a time: 60 leases, mostly the first on their pair —
      // where a per-pair rule alone would flip a coin every time.
      let leases = 0;
      let worst = 0;
      for (let round = 0; round < 10; round++)
        for (const a of annotators) {
          const lease = (await leaseAssignments(campaignId, a, 1)).leases[0];
          if (!lease) continue;
          leases++;
          for (const criterionId of lease.criterionIds)
            await submitJudgment(a, {
              assignmentId: lease.assignmentId,
              criterionId,
              choice: "left",
              idempotencyKey: uid("key-"),
              latencyMs: 1500,
            });
          const skew = await kept(campaignId);
          expect(skew).toBe((await recount(campaignId)).total);
          worst = Math.max(worst, Math.abs(skew));
        }
      expect(leases).toBe(60);
      expect(worst).toBeLessThanOrEqual(MAX_MODEL_SKEW);
      // Per pair still nearly alternating: off by more than one only where the model pair's balance overrode it.
      const perPair = [...(await recount(campaignId)).pairs.values()];
      for (const s of perPair) expect(Math.abs(s)).toBeLessThanOrEqual(MAX_MODEL_SKEW);
      expect(perPair.filter((s) => Math.abs(s) > 1).length).toBeLessThanOrEqual(perPair.length / 10);
      // Every vote was "left": model A wins as often as it was shown left, so about half.
      const votes = await db.$queryRaw<{ aLeft: number; total: number }[]>`
        SELECT count(*) FILTER (WHERE j."leftImageId" = p."imageAId")::int AS "aLeft", count(*)::int AS total
        FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = ${campaignId}`;
      expect(votes[0].total).toBe(60);
      expect(Math.abs(votes[0].aLeft - 30)).toBeLessThanOrEqual(MAX_MODEL_SKEW);

      // Releasing and deleting assignments moves the kept balance as a recount does.
      const some = await db.assignment.findMany({ where: { pair: { campaignId } }, take: 7, orderBy: { id: "asc" } });
      await db.judgment.deleteMany({ where: { assignmentId: { in: some.slice(0, 3).map((x) => x.id) } } });
      await db.assignment.deleteMany({ where: { id: { in: some.slice(0, 3).map((x) => x.id) } } });
      await db.assignment.updateMany({
        where: { id: { in: some.slice(3).map((x) => x.id) } },
        data: { status: "released" },
      });
      expect(await kept(campaignId)).toBe((await recount(campaignId)).total);
    },
  );
});
