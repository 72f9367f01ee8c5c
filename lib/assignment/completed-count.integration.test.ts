import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { makeAnnotatingCampaign, makeAnnotators } from "../../tests/support/factories";

afterAll(() => disconnectDb());

/** Pair."completedAssignments" against a recount, for every pair of the campaign. */
async function counts(campaignId: string) {
  const rows = await db.$queryRaw<{ kept: number; actual: number }[]>`
    SELECT p."completedAssignments" AS kept,
      (SELECT count(*) FROM "Assignment" a WHERE a."pairId" = p.id AND a.status = 'completed')::int AS actual
    FROM "Pair" p WHERE p."campaignId" = ${campaignId} ORDER BY p.id`;
  return { kept: rows.map((r) => r.kept), actual: rows.map((r) => r.actual) };
}

describe("Pair.completedAssignments (kept by statement-level triggers on Assignment)", () => {
  it("follows bulk inserts, status changes both ways, and deletes", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 3 });
    const pairs = await db.pair.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    const annotators = await makeAnnotators(4);
    const row = (pairIndex: number, annotatorIndex: number, status: "completed" | "leased") => ({
      pairId: pairs[pairIndex].id,
      annotatorId: annotators[annotatorIndex],
      leftImageId: pairs[pairIndex].imageAId,
      criterionIds: [],
      status,
      leaseExpiresAt: new Date(Date.now() + 60_000),
    });
    // One statement, several rows on one pair and on another.
    await db.assignment.createMany({
      data: [row(0, 0, "completed"), row(0, 1, "completed"), row(0, 2, "leased"), row(1, 0, "completed")],
    });
    expect((await counts(campaignId)).kept).toEqual((await counts(campaignId)).actual);
    expect((await counts(campaignId)).actual.reduce((a, b) => a + b, 0)).toBe(3);

    await db.assignment.updateMany({
      where: { pairId: pairs[0].id, annotatorId: annotators[2] },
      data: { status: "completed" },
    });
    await db.assignment.updateMany({
      where: { pairId: pairs[0].id, annotatorId: annotators[0] },
      data: { status: "leased" },
    });
    await db.assignment.updateMany({ where: { pairId: pairs[1].id }, data: { leaseExpiresAt: new Date() } }); // no status change
    let now = await counts(campaignId);
    expect(now.kept).toEqual(now.actual);

    await db.assignment.deleteMany({ where: { pairId: pairs[0].id, status: "completed" } });
    now = await counts(campaignId);
    expect(now.kept).toEqual(now.actual);
    expect(now.actual.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
