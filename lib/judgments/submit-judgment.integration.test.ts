import { describe, expect, it } from "vitest";
import { db } from "../db";
import { nextAssignmentView } from "../annotation/assignment-view";
import { EMU_CRITERIA } from "../campaigns/emu-criteria";
import { submitJudgment } from "./submit-judgment";
import { noteJudgmentAttempt } from "../access/rate-limit";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";
import { refusal } from "../../tests/support/refusal";

/**
 * What submitJudgment promises beyond a plain write: a replay returns the stored judgment, and
 * racing copies of one request store one row; and the voting route's attempt counter. (The
 * `{ rateLimit }` count is tested in lib/access/access.integration.test.ts, answers on a lapsed
 * lease in lapsed-lease.integration.test.ts.)
 */

/** One criterion: each answer completes its assignment, and the next lease is a fresh pair. */
const ONE_CRITERION = [EMU_CRITERIA[0]];

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
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 4, criteria: ONE_CRITERION });
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

  it("the voting route's attempt counter (before the body is read) refuses past three times the limit, per minute", async () => {
    const annotator = uid("attempts-");
    const now = Date.now();
    for (let i = 0; i < 3; i++) expect(noteJudgmentAttempt(annotator, { limit: 1, now })).toBe(1);
    const error = await refusal((async () => noteJudgmentAttempt(annotator, { limit: 1, now }))());
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.status).toBe(429);
    expect(noteJudgmentAttempt(annotator, { limit: 1, now: now + 61_000 })).toBe(1);
  });
});
