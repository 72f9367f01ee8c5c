import { describe, expect, it } from "vitest";
import { db } from "../db";
import { leaseAssignments } from "../assignment/lease-assignments";
import { submitJudgment } from "./submit-judgment";
import { undoJudgment } from "./undo-judgment";
import { UNDO_GRACE_SECONDS, UNDO_SECONDS } from "./undo-answer";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";
import { refusal } from "../../tests/support/refusal";

const criteria = [
  {
    key: "appeal",
    question: "appeal?",
    showPrompt: false,
    choices: ["left" as const, "right" as const],
    judgmentsPerPair: 1,
  },
];

const dbNow = async () => (await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0].now;

const refused = async (work: Promise<unknown>) => {
  const error = await refusal(work);
  return `${error.code}: ${error.message}`;
};

/** A campaign with one annotator who judged its one pair (the assignment completed). */
async function judgedPair() {
  const { campaignId } = await makeAnnotatingCampaign({ pairs: 1, criteria });
  const [annotator] = await makeAnnotators(1);
  await joinCampaign(campaignId, [annotator]);
  const [lease] = (await leaseAssignments(campaignId, annotator, 1)).leases;
  const { judgmentId, assignmentCompleted } = await submitJudgment(annotator, {
    assignmentId: lease.assignmentId,
    criterionId: lease.criterionIds[0],
    choice: "left",
    idempotencyKey: uid("key-"),
  });
  expect(assignmentCompleted).toBe(true);
  return { campaignId, annotator, assignmentId: lease.assignmentId, judgmentId };
}

describe("undoing an answer (the one undo of votes, ratings and rankings)", () => {
  it("deletes the answer and leases its assignment again, first and for the campaign's lease, by the database clock", async () => {
    const { campaignId, annotator, assignmentId, judgmentId } = await judgedPair();
    const before = await dbNow();
    expect(await undoJudgment(annotator, judgmentId)).toEqual({ assignmentId });
    expect(await db.judgment.count({ where: { id: judgmentId } })).toBe(0);
    const reopened = await db.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    const { leaseSeconds } = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(reopened.status).toBe("leased");
    expect(reopened.completedAt).toBeNull();
    expect(reopened.createdAt.getTime()).toBe(0);
    expect(reopened.leaseExpiresAt.getTime()).toBeGreaterThanOrEqual(before.getTime() + leaseSeconds * 1000);
    // (+1: the column keeps milliseconds, rounded.)
    expect(reopened.leaseExpiresAt.getTime()).toBeLessThanOrEqual((await dbNow()).getTime() + leaseSeconds * 1000 + 1);
    // Undoing what is already gone is a 404.
    expect(await refused(undoJudgment(annotator, judgmentId))).toBe("NOT_FOUND: Judgment not found");
  });

  it("refuses an answer past the window, and one in a campaign that no longer annotates (409), keeping it", async () => {
    const late = await judgedPair();
    await db.$executeRaw`UPDATE "Judgment" SET "createdAt" = now() - make_interval(secs => ${UNDO_SECONDS + UNDO_GRACE_SECONDS + 1}) WHERE id = ${late.judgmentId}`;
    expect(await refused(undoJudgment(late.annotator, late.judgmentId))).toBe(
      `CONFLICT: A judgment can be undone only within ${UNDO_SECONDS} seconds`,
    );
    expect(await db.judgment.count({ where: { id: late.judgmentId } })).toBe(1);
    expect((await db.assignment.findUniqueOrThrow({ where: { id: late.assignmentId } })).status).toBe("completed");

    const closed = await judgedPair();
    await db.campaign.update({ where: { id: closed.campaignId }, data: { status: "paused" } });
    expect(await refused(undoJudgment(closed.annotator, closed.judgmentId))).toBe(
      "CONFLICT: Campaign is paused, not taking changes",
    );
    expect(await db.judgment.count({ where: { id: closed.judgmentId } })).toBe(1);
  });
});
