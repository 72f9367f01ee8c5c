import { describe, expect, it } from "vitest";
import { db } from "../db";
import { leaseAssignments } from "../assignment/lease-assignments";
import { submitJudgment } from "../judgments/submit-judgment";
import { makeSequentialCampaign } from "../../tests/support/sequential-campaign";
import { uid } from "../../tests/support/factories";
import { campaignSummary } from "./campaign-summary";
import { refreshStoppingRuleSoon } from "./stopping-rule";
import { transitionCampaign } from "./transition-campaign";

type Campaign = Awaited<ReturnType<typeof makeSequentialCampaign>>;

/**
 * One annotator judges until nothing is leased or `limit` judgments; `prefer(a, b)` says which
 * model wins (a model id, or "tie"). After each judgment the stopping rule is applied (awaited
 * here; the voting path runs it in the background). Returns the model pairs leased, in order.
 */
async function judge(
  c: Campaign,
  annotator: string,
  prefer: (a: string, b: string) => string,
  limit = Infinity,
  until?: () => Promise<boolean>,
): Promise<{ pairs: [string, string][]; stop: string | null }> {
  const pairs: [string, string][] = [];
  for (let n = 0; n < limit; n++) {
    const { leases, stop } = await leaseAssignments(c.campaignId, annotator, 1);
    const lease = leases[0];
    if (!lease) return { pairs, stop };
    const left = c.modelOf.get(lease.leftImageId)!;
    const right = c.modelOf.get(lease.rightImageId)!;
    pairs.push([left, right].sort() as [string, string]);
    const winner = prefer(left, right);
    const choice = winner === "tie" ? "tie" : winner === left ? "left" : "right";
    for (const criterionId of lease.criterionIds)
      await submitJudgment(annotator, {
        assignmentId: lease.assignmentId,
        criterionId,
        choice,
        idempotencyKey: uid("k-"),
      });
    await refreshStoppingRuleSoon(c.campaignId);
    if (until && (await until())) break;
  }
  return { pairs, stop: null };
}

const key = (a: string, b: string) => [a, b].sort().join("|");

describe("stop when decided", () => {
  it("closes the campaign itself once its one comparison is decided, says why, and the owner can continue", async () => {
    const c = await makeSequentialCampaign({ models: 2, prompts: 60, stopRule: { margin: 0.05, alpha: 0.05 } });
    const [strong] = c.modelIds;
    const { pairs, stop } = await judge(c, c.annotators[0], () => strong);
    // Decided long before the 60 prompts were judged: the rule closed the campaign.
    expect(stop).toBe("closed");
    expect(pairs.length).toBeGreaterThan(3);
    expect(pairs.length).toBeLessThan(40);
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } });
    expect(campaign.status).toBe("completed");
    expect(campaign.stoppedReason).toMatch(/^All 1 comparison is decided on every criterion \(.*1 with a winner/);

    // The live view says why, with the sequence above 50 % and the winner named.
    const summary = await campaignSummary(c.owner, c.campaignId);
    expect(summary.status).toBe("completed");
    expect(summary.stopping.stoppedReason).toBe(campaign.stoppedReason);
    const [comparison] = summary.stopping.figures!.comparisons;
    expect(comparison.decided).toBe(true);
    const [row] = comparison.criteria;
    const strongIsA = comparison.modelAId === strong;
    expect(row.decision).toBe(strongIsA ? "winner_a" : "winner_b");
    expect(strongIsA ? row.lower : 1 - row.upper).toBeGreaterThan(0.5);
    expect(row.reason).toContain(`${strongIsA ? comparison.modelA : comparison.modelB} wins`);
    expect(row.prompts).toBe(pairs.length);

    // Override: continued, served again, and the rule closes nothing any more.
    await expect(transitionCampaign(c.owner, c.campaignId, { action: "continue" })).resolves.toEqual({
      status: "annotating",
    });
    const more = await judge(c, c.annotators[1], () => strong, 5);
    expect(more.pairs).toHaveLength(5);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("annotating");
    await expect(transitionCampaign(c.owner, c.campaignId, { action: "continue" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  }, 120_000);

  it("gives a decided comparison no new assignment while the others go on", async () => {
    // A beats everyone; B and C tie every time (undecided for long: its sequence must fit in 45–55 %).
    const c = await makeSequentialCampaign({ models: 3, prompts: 60, stopRule: { margin: 0.05, alpha: 0.05 } });
    const [a] = c.modelIds;
    const prefer = (l: string, r: string) => (l === a || r === a ? a : "tie");
    const decidedRows = () => db.campaignComparison.findMany({ where: { campaignId: c.campaignId, decided: true } });
    const first = await judge(c, c.annotators[0], prefer, 120, async () => (await decidedRows()).length === 2);
    const decided = await decidedRows();
    const decidedKeys = new Set(decided.map((d) => key(d.modelAId, d.modelBId)));
    expect(decidedKeys.size).toBe(2);
    for (const d of decided) expect([d.modelAId, d.modelBId]).toContain(a);
    // Prompts were served whole (all three pairs of a prompt before the next): A's pairs were decided within 40 prompts.
    expect(first.pairs.length).toBeLessThan(120);
    // From now on: only B against C, though the A pairs still have prompts left.
    const later = await judge(c, c.annotators[1], prefer, 15);
    expect(later.pairs).toHaveLength(15);
    for (const [x, y] of later.pairs) expect(decidedKeys.has(key(x, y))).toBe(false);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("annotating");
  }, 180_000);

  it("stops serving at the judgment budget and closes with the budget as the reason", async () => {
    const c = await makeSequentialCampaign({ models: 2, prompts: 30, stopRule: { judgmentBudget: 6 } });
    const { pairs, stop } = await judge(c, c.annotators[0], () => "tie");
    expect(pairs).toHaveLength(6);
    expect(stop).toBe("closed");
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } });
    expect(campaign.stoppedReason).toContain("the judgment budget is spent (6 of 6 judgments)");
  }, 120_000);
});

describe("adaptive allocation", () => {
  it("serves the unresolved model pair first once the others are resolved, one annotator per pair", async () => {
    const c = await makeSequentialCampaign({ models: 3, prompts: 80, pairDesign: "adaptive" });
    const [a] = c.modelIds;
    const prefer = (l: string, r: string) => (l === a || r === a ? a : "tie");
    const resolvedRows = async () =>
      (await db.campaignComparison.findMany({ where: { campaignId: c.campaignId } })).filter((r) => r.priority === 0);
    await judge(c, c.annotators[0], prefer, 150, async () => (await resolvedRows()).length === 2);
    const resolved = (await resolvedRows()).map((r) => key(r.modelAId, r.modelBId));
    expect(resolved).toHaveLength(2);
    // No stopping rule: resolved pairs stay servable, but the unresolved one comes first.
    const later = await judge(c, c.annotators[1], prefer, 10);
    expect(later.pairs).toHaveLength(10);
    for (const [x, y] of later.pairs) expect(resolved).not.toContain(key(x, y));
    expect((await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("annotating");
    // The N-annotators-per-pair rule still holds (N = 1 here) and every prompt-pair is a real pair.
    const over = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT j."pairId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
      WHERE p."campaignId" = ${c.campaignId} GROUP BY 1 HAVING count(*) > 1) x`;
    expect(over[0].n).toBe(0);
  }, 180_000);
});
