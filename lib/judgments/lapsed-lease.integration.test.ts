import { describe, expect, it } from "vitest";
import { db } from "../db";
import { leaseAssignments } from "../assignment/lease-assignments";
import { submitJudgment } from "./submit-judgment";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";

const criteria = (judgmentsPerPair: number) =>
  (["appeal", "match"] as const).map((key) => ({
    key,
    question: `${key}?`,
    showPrompt: key === "match",
    choices: ["left" as const, "right" as const],
    judgmentsPerPair,
  }));

/** Lets a lease lapse, by the database clock the engine reads. */
const lapse = (assignmentId: string) =>
  db.$executeRaw`UPDATE "Assignment" SET "leaseExpiresAt" = now() - interval '1 second' WHERE id = ${assignmentId}`;

const dbNow = async () => (await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0].now;

describe("an answer on a lapsed lease", () => {
  it("counts while nobody took its slot, and renews the lease by the database clock", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 1, criteria: criteria(1) });
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    const [lease] = (await leaseAssignments(campaignId, annotator, 1)).leases;
    await lapse(lease.assignmentId);

    const first = await submitJudgment(annotator, {
      assignmentId: lease.assignmentId,
      criterionId: lease.criterionIds[0],
      choice: "left",
      idempotencyKey: uid("key-"),
    });
    expect(first.assignmentCompleted).toBe(false);
    const renewed = await db.assignment.findUniqueOrThrow({ where: { id: lease.assignmentId } });
    expect(renewed.status).toBe("leased");
    expect(renewed.leaseExpiresAt.getTime()).toBeGreaterThan((await dbNow()).getTime());
    const judgment = await db.judgment.findUniqueOrThrow({ where: { id: first.judgmentId } });
    expect(judgment.assignmentId).toBe(lease.assignmentId);

    await lapse(lease.assignmentId);
    const second = await submitJudgment(annotator, {
      assignmentId: lease.assignmentId,
      criterionId: lease.criterionIds[1],
      choice: "right",
      idempotencyKey: uid("key-"),
    });
    expect(second.assignmentCompleted).toBe(true);
    const completed = await db.assignment.findUniqueOrThrow({ where: { id: lease.assignmentId } });
    expect(completed.status).toBe("completed");
    expect(completed.completedAt).not.toBeNull();
  });

  it("is refused (410) once another annotator filled the slot it held", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 1, criteria: criteria(1) });
    const [late, other] = await makeAnnotators(2);
    await joinCampaign(campaignId, [late, other]);
    const [stale] = (await leaseAssignments(campaignId, late, 1)).leases;
    await lapse(stale.assignmentId);

    const [taken] = (await leaseAssignments(campaignId, other, 1)).leases;
    expect(taken.pairId).toBe(stale.pairId);
    for (const criterionId of taken.criterionIds)
      await submitJudgment(other, {
        assignmentId: taken.assignmentId,
        criterionId,
        choice: "left",
        idempotencyKey: uid("k-"),
      });

    await expect(
      submitJudgment(late, {
        assignmentId: stale.assignmentId,
        criterionId: stale.criterionIds[0],
        choice: "left",
        idempotencyKey: uid("key-"),
      }),
    ).rejects.toMatchObject({ code: "GONE" });
    expect(await db.judgment.count({ where: { annotatorId: late } })).toBe(0);
  });
});
