import { describe, expect, it } from "vitest";
import { db } from "../db";
import { nextAssignmentView } from "../annotation/assignment-view";
import { submitJudgment } from "../judgments/submit-judgment";
import { undoJudgment } from "../judgments/undo-judgment";
import { transitionCampaign } from "./transition-campaign";
import { createCampaignVersion, updateCampaign } from "./update-campaign";
import { campaignSummary } from "./campaign-summary";
import {
  joinCampaign,
  makeAnnotatingCampaign,
  makeAnnotators,
  redateJudgment,
  uid,
} from "../../tests/support/factories";

const vote = (annotatorId: string, assignmentId: string, criterionId: string, choice: string, latencyMs = 2000) =>
  submitJudgment(annotatorId, { assignmentId, criterionId, choice, idempotencyKey: uid("key-"), latencyMs });

describe("campaign lifecycle and quality control", () => {
  it("together mode shows both questions numbered from 1 of 2; an answered one drops out and the rest is 2 of 2", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 2, criteriaMode: "together" });
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    const first = await nextAssignmentView(campaignId, annotator);
    if (first.kind !== "pair") throw new Error(first.kind);
    expect(first.view.criteria).toHaveLength(2);
    expect(first.view.questions).toEqual({ first: 1, of: 2 });
    await vote(annotator, first.view.assignmentId, first.view.criteria[0].id, "left");
    const rest = await nextAssignmentView(campaignId, annotator);
    if (rest.kind !== "pair") throw new Error(rest.kind);
    expect(rest.view.assignmentId).toBe(first.view.assignmentId);
    expect(rest.view.criteria.map((c) => c.id)).toEqual([first.view.criteria[1].id]);
    expect(rest.view.questions).toEqual({ first: 2, of: 2 });
  });

  it("sequential mode hides the prompt while visual appeal is asked, prefetches the next pair, and undo re-opens the pair", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 4, criteriaMode: "sequential" });
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    const first = await nextAssignmentView(campaignId, annotator);
    if (first.kind !== "pair") throw new Error(first.kind);
    expect(first.view.criteria).toHaveLength(1);
    expect(first.view.prompt).toBeNull();
    expect(first.view.questions).toEqual({ first: 1, of: 2 });
    expect(first.upcoming?.assignmentId).toBeDefined();
    expect(first.upcoming?.assignmentId).not.toBe(first.view.assignmentId);

    await vote(annotator, first.view.assignmentId, first.view.criteria[0].id, "left");
    const second = await nextAssignmentView(campaignId, annotator);
    if (second.kind !== "pair") throw new Error(second.kind);
    expect(second.view.assignmentId).toBe(first.view.assignmentId);
    expect(second.view.prompt).toMatch(/test prompt/);
    expect(second.view.questions).toEqual({ first: 2, of: 2 });
    const done = await vote(annotator, second.view.assignmentId, second.view.criteria[0].id, "both");
    expect(done.assignmentCompleted).toBe(true);

    const third = await nextAssignmentView(campaignId, annotator);
    if (third.kind !== "pair") throw new Error(third.kind);
    expect(third.view.assignmentId).toBe(first.upcoming!.assignmentId);
    expect(third.view.progress.done).toBe(1);
    // The per-pair count of completed assignments (kept by a trigger) follows completion and undo.
    const { pairId } = await db.assignment.findUniqueOrThrow({ where: { id: first.view.assignmentId } });
    const completedOnPair = async () =>
      (await db.pair.findUniqueOrThrow({ where: { id: pairId } })).completedAssignments;
    expect(await completedOnPair()).toBe(1);

    await undoJudgment(annotator, done.judgmentId);
    expect(await completedOnPair()).toBe(0);
    // The fresh lease runs on the database's clock, for the campaign's lease time (300 s).
    const [{ leaseLeft }] = await db.$queryRaw<{ leaseLeft: number }[]>`
      SELECT extract(epoch FROM "leaseExpiresAt" - now())::float AS "leaseLeft" FROM "Assignment"
      WHERE id = ${first.view.assignmentId}`;
    expect(leaseLeft).toBeGreaterThan(250);
    expect(leaseLeft).toBeLessThanOrEqual(300);
    const again = await nextAssignmentView(campaignId, annotator);
    if (again.kind !== "pair") throw new Error(again.kind);
    expect(again.view.assignmentId).toBe(first.view.assignmentId);
    expect(again.view.progress.done).toBe(0);
    await expect(undoJudgment(annotator, done.judgmentId)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Past the undo window (measured against the database's clock), a judgment stays.
    const redo = await vote(annotator, again.view.assignmentId, again.view.criteria[0].id, "left");
    await redateJudgment(redo.judgmentId, 13);
    await expect(undoJudgment(annotator, redo.judgmentId)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.judgment.count({ where: { id: redo.judgmentId } })).toBe(1);
  });

  it("gold pairs are created from degraded copies, scored, and failing them ends the session", async () => {
    const { campaignId } = await makeAnnotatingCampaign({ pairs: 6, goldRate: 0.5, realImages: true });
    const gold = await db.pair.findMany({ where: { campaignId, isGold: true }, include: { gold: true } });
    expect(gold.length).toBe(3);
    expect(new Set(gold.map((g) => g.gold!.degradation)).size).toBe(3);
    await db.campaign.update({ where: { id: campaignId }, data: { goldRate: 1 } }); // every lease a gold one
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    let ended = false;
    for (let i = 0; i < 3 && !ended; i++) {
      const next = await nextAssignmentView(campaignId, annotator);
      if (next.kind !== "pair") throw new Error(next.kind);
      const assignment = await db.assignment.findUniqueOrThrow({
        where: { id: next.view.assignmentId },
        include: { pair: { include: { gold: true } } },
      });
      expect(assignment.pair.isGold).toBe(true);
      // Always pick the degraded copy.
      const wrong = assignment.leftImageId === assignment.pair.gold!.expectedImageId ? "right" : "left";
      for (const c of next.view.criteria)
        ended = (await vote(annotator, next.view.assignmentId, c.id, wrong)).sessionEnded || ended;
    }
    expect(ended).toBe(true);
    const participation = await db.participation.findFirstOrThrow({ where: { campaignId, userId: annotator } });
    expect(participation.flagReason).toMatch(/^gold: missed 3 of 3/);
    expect((await nextAssignmentView(campaignId, annotator)).kind).toBe("ended");
  });

  it("implausibly fast judging is flagged", async () => {
    const { campaignId } = await makeAnnotatingCampaign({
      pairs: 12,
      minJudgmentMs: 800,
      criteria: [
        {
          key: "appeal",
          question: "Which is nicer?",
          showPrompt: false,
          choices: ["left", "right", "tie"],
          judgmentsPerPair: 1,
        },
      ],
    });
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    let ended = false;
    for (let i = 0; i < 10; i++) {
      const next = await nextAssignmentView(campaignId, annotator);
      if (next.kind !== "pair") throw new Error(next.kind);
      ended = (await vote(annotator, next.view.assignmentId, next.view.criteria[0].id, "tie", 150)).sessionEnded;
    }
    expect(ended).toBe(true);
    expect((await db.participation.findFirstOrThrow({ where: { campaignId, userId: annotator } })).flagReason).toMatch(
      /^fast:/,
    );
  });

  it("transitions are guarded and the protocol is locked once judgments exist", async () => {
    const { campaignId, owner } = await makeAnnotatingCampaign({ pairs: 2 });
    await expect(transitionCampaign(owner, campaignId, { action: "launch" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await transitionCampaign(owner, campaignId, { action: "pause" })).toEqual({ status: "paused" });
    expect(await transitionCampaign(owner, campaignId, { action: "resume" })).toEqual({ status: "annotating" });
    await updateCampaign(owner, campaignId, { instructions: "Be careful." });

    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    const next = await nextAssignmentView(campaignId, annotator);
    if (next.kind !== "pair") throw new Error(next.kind);
    await vote(annotator, next.view.assignmentId, next.view.criteria[0].id, "left");
    const summary = await campaignSummary(owner, campaignId);
    expect(summary).toMatchObject({ pairs: 2, judgments: 1, judgmentsLastHour: 1, annotators: 1, leftShare: 1 });
    expect(summary.winRates).toHaveLength(1);
    expect(summary.winRates[0]).toMatchObject({ pairs: 1, criterion: "visual_appeal" });
    expect(summary.etaSeconds).toBeGreaterThan(0);
    await db.participation.updateMany({ where: { campaignId }, data: { flaggedAt: new Date(), flagReason: "test" } });
    expect((await campaignSummary(owner, campaignId)).winRates).toHaveLength(0); // flagged annotators are left out
    await expect(updateCampaign(owner, campaignId, { goldRate: 0.1 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(updateCampaign(owner, campaignId, { goldRate: 2 })).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ field: "goldRate" }],
    });
    await updateCampaign(owner, campaignId, { name: "Renamed" });
    const { id } = await createCampaignVersion(owner, campaignId);
    const copy = await db.campaign.findUniqueOrThrow({ where: { id }, include: { criteria: true, prompts: true } });
    expect(copy).toMatchObject({
      status: "draft",
      protocolVersion: 2,
      previousVersionId: campaignId,
      instructions: "Be careful.",
    });
    expect(copy.criteria).toHaveLength(2);
    expect(copy.prompts).toHaveLength(2);
    expect(await transitionCampaign(owner, campaignId, { action: "complete" })).toEqual({ status: "completed" });
    await expect(transitionCampaign(owner, campaignId, { action: "pause" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
