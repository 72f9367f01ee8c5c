import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { nextAssignmentView } from "../annotation/assignment-view";
import { EMU_CRITERIA } from "../campaigns/emu-criteria";
import { submitJudgment } from "./submit-judgment";
import { noteJudgmentAttempt } from "../access/rate-limit";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";

/**
 * What submitJudgment promises beyond a plain write: replays return the stored judgment, two
 * racing copies of one request store one row, the voting route's rate limit (its attempt counter
 * and the `{ rateLimit }` count that POST /api/judgments passes through vote()) answers 429, and
 * an answer on a lapsed lease whose slot someone else took is a 410.
 */

/** One criterion, one judgment per pair: a second annotator's lease fills the pair. */
const ONE_SLOT = [{ ...EMU_CRITERIA[0], judgmentsPerPair: 1 }];

async function leasedPair(campaignId: string, annotatorId: string) {
  const next = await nextAssignmentView(campaignId, annotatorId);
  if (next.kind !== "pair") throw new Error(`expected a pair, got ${next.kind}`);
  return next.view;
}

async function annotatorsIn(campaignId: string, count: number): Promise<string[]> {
  const ids = await makeAnnotators(count);
  await joinCampaign(campaignId, ids);
  return ids;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the judgment was accepted").toBeInstanceOf(AppError);
  return error as AppError;
}

const rowsWithKey = (idempotencyKey: string) => db.judgment.count({ where: { idempotencyKey } });

describe("submitJudgment", () => {
  it("a replay with the same key and body returns the stored judgment, replayed, and stores one row", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 2 });
    const [annotator] = await annotatorsIn(campaignId, 1);
    const view = await leasedPair(campaignId, annotator);
    const body = {
      assignmentId: view.assignmentId,
      criterionId: view.criteria[0].id,
      choice: "left",
      idempotencyKey: uid("replay-"),
      latencyMs: 1500,
    };

    const first = await submitJudgment(annotator, body);
    const again = await submitJudgment(annotator, body);

    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true, sessionEnded: false });
    expect(await rowsWithKey(body.idempotencyKey)).toBe(1);
    expect(await db.judgment.count({ where: { assignmentId: view.assignmentId } })).toBe(1);
  });

  it("two concurrent copies of one request store one row: one written, one replayed, neither refused", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 4, criteria: ONE_SLOT });
    const [annotator] = await annotatorsIn(campaignId, 1);
    // Several rounds: each is a real race (both copies read the context before either writes)
    // only when the scheduling allows it, so one round alone could pass by luck.
    for (let round = 0; round < 4; round++) {
      const view = await leasedPair(campaignId, annotator);
      const body = {
        assignmentId: view.assignmentId,
        criterionId: view.criteria[0].id,
        choice: "right",
        idempotencyKey: uid("race-"),
      };
      const settled = await Promise.allSettled([submitJudgment(annotator, body), submitJudgment(annotator, body)]);
      const answers = settled.map((s) => {
        if (s.status === "rejected") throw s.reason;
        return s.value;
      });
      expect(answers.map((a) => a.replayed).sort()).toEqual([false, true]);
      expect(answers[0].judgmentId).toBe(answers[1].judgmentId);
      expect(answers.every((a) => a.assignmentCompleted)).toBe(true);
      expect(await rowsWithKey(body.idempotencyKey)).toBe(1);
    }
  });

  it("the voting route's rate limit ({ rateLimit }) refuses the answer past the limit with 429, writing nothing", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 2 });
    const [annotator] = await annotatorsIn(campaignId, 1);
    const view = await leasedPair(campaignId, annotator);
    const answer = (criterionId: string) => ({
      assignmentId: view.assignmentId,
      criterionId,
      choice: "left",
      idempotencyKey: uid("limit-"),
      latencyMs: 1500,
    });

    const first = await submitJudgment(annotator, answer(view.criteria[0].id), { rateLimit: 1 });
    expect(first.replayed).toBe(false);

    const second = answer(view.criteria[1].id);
    const error = await refusal(submitJudgment(annotator, second, { rateLimit: 1 }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(await rowsWithKey(second.idempotencyKey)).toBe(0);
    // The limit counts this annotator's judgments only: with room to spare the same answer goes in.
    expect((await submitJudgment(annotator, second, { rateLimit: 2 })).replayed).toBe(false);
  });

  it("the voting route's attempt counter (before the body is read) refuses past three times the limit, per minute", async () => {
    const annotator = uid("attempts-");
    const now = Date.now();
    for (let i = 0; i < 3; i++) expect(noteJudgmentAttempt(annotator, { limit: 1, now })).toBe(1);
    const error = await refusal((async () => noteJudgmentAttempt(annotator, { limit: 1, now }))());
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(noteJudgmentAttempt(annotator, { limit: 1, now: now + 61_000 })).toBe(1);
  });

  it("an answer after the lease lapsed and another annotator took the slot is a 410, writing nothing", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 1, criteria: ONE_SLOT });
    const [late, other] = await annotatorsIn(campaignId, 2);
    const view = await leasedPair(campaignId, late);
    await db.assignment.update({
      where: { id: view.assignmentId },
      data: { leaseExpiresAt: new Date(Date.now() - 60_000) },
    });
    // The lapsed lease freed the only slot: the other annotator is given the same pair.
    const taken = await leasedPair(campaignId, other);
    expect(taken.assignmentId).not.toBe(view.assignmentId);

    const body = { assignmentId: view.assignmentId, criterionId: view.criteria[0].id, choice: "left" };
    const error = await refusal(submitJudgment(late, { ...body, idempotencyKey: uid("late-") }));
    expect(error.code).toBe("GONE");
    expect(error.status).toBe(410);
    expect(await db.judgment.count({ where: { assignmentId: view.assignmentId } })).toBe(0);
  });

  it("an answer after the lease lapsed still counts when nobody took the slot", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 1, criteria: ONE_SLOT });
    const [late] = await annotatorsIn(campaignId, 1);
    const view = await leasedPair(campaignId, late);
    await db.assignment.update({
      where: { id: view.assignmentId },
      data: { leaseExpiresAt: new Date(Date.now() - 60_000) },
    });

    const result = await submitJudgment(late, {
      assignmentId: view.assignmentId,
      criterionId: view.criteria[0].id,
      choice: "left",
      idempotencyKey: uid("late-"),
    });
    expect(result).toMatchObject({ replayed: false, assignmentCompleted: true });
    expect(await db.judgment.count({ where: { assignmentId: view.assignmentId } })).toBe(1);
  });
});
