import { describe, expect, it } from "vitest";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { createCampaign } from "../campaigns/create-campaign";
import { exportCampaignSpec } from "../campaigns/export-campaign-spec";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../../tests/support/factories";
import { makeRatingCampaign } from "../../tests/support/rating-campaign";
import { nextRankingView, type RankingView } from "./ranking-view";
import { submitRanking } from "./submit-ranking";
import { undoRanking } from "./undo-ranking";
import { rankingResults } from "./ranking-results";
import { rankingsCsv } from "./rankings-csv";
import { rankingAssignmentImage } from "./ranking-image";
import { taskTypeReport } from "../rating/task-report";
import { refusal } from "../../tests/support/refusal";

/**
 * The ranking task type below the browser (issue 22): items made from complete prompt sets, the
 * shared item lease engine (N distinct annotators per set, a random slot order per lease),
 * submission (one rank per slot, ties allowed, idempotent, undo) and the figures from stored
 * rankings against values known by construction.
 */

async function shown(campaignId: string, annotatorId: string): Promise<RankingView | null> {
  const next = await nextRankingView(campaignId, annotatorId);
  return next.kind === "ranking" ? next.view : null;
}

const asUser = (u: { id: string; email: string | null; name: string | null }): CurrentUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: "researcher",
});

/** Ranks the set on screen by the models' fixed order (strength: first model best); returns false when nothing is served. */
async function rankOne(campaignId: string, annotatorId: string, strength: Map<string, number>): Promise<boolean> {
  const view = await shown(campaignId, annotatorId);
  if (!view) return false;
  const { slotOrder } = await db.rankingAssignment.findUniqueOrThrow({ where: { id: view.assignmentId } });
  const images = await db.image.findMany({ where: { id: { in: slotOrder } } });
  const modelOf = new Map(images.map((i) => [i.id, i.modelId!]));
  await submitRanking(annotatorId, {
    assignmentId: view.assignmentId,
    ranks: slotOrder.map((id) => strength.get(modelOf.get(id)!)!),
    idempotencyKey: uid("rank-"),
  });
  return true;
}

describe("the ranking campaign spec", () => {
  it("stores the question as one criterion, refuses more than six models, and exports back", async () => {
    const owner = await makeUser("researcher");
    const set = await makePromptSet(2, { ownerId: owner.id });
    const models = [];
    for (let i = 0; i < 7; i++) models.push(await makeDemoModel());
    const base = { name: uid("k-"), promptSetId: set.id, taskType: "ranking" as const };
    const seven = await refusal(createCampaign(owner.id, { ...base, modelIds: models.map((m) => m.id) }));
    expect(seven.issues).toContainEqual({
      field: "modelIds",
      message: "a ranking shows one image per model: 2–6 models",
    });
    const { id } = await createCampaign(owner.id, {
      ...base,
      modelIds: models.slice(0, 3).map((m) => m.id),
      rankingQuestion: "Which do you like best?",
      rankingsPerItem: 4,
    });
    const criteria = await db.criterion.findMany({ where: { campaignId: id } });
    expect(criteria.map((c) => [c.key, c.question, c.judgmentsPerPair])).toEqual([
      ["preference", "Which do you like best?", 4],
    ]);
    expect(await exportCampaignSpec(asUser(owner), id)).toMatchObject({
      taskType: "ranking",
      rankingQuestion: "Which do you like best?",
      rankingsPerItem: 4,
    });
  });
});

describe("leasing sets to rank", () => {
  it("makes one set per prompt of all K images; each set goes to exactly N distinct annotators in a shuffled order", async () => {
    const c = await makeRatingCampaign({
      taskType: "ranking",
      models: 3,
      prompts: 4,
      rankingsPerItem: 2,
      annotators: 3,
    });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("annotating");
    const items = await db.rankingItem.findMany({ where: { campaignId: c.campaignId } });
    expect(items).toHaveLength(4);
    for (const item of items) expect(item.imageIds.map((id) => c.modelOf.get(id))).toEqual(c.models.map((m) => m.id));
    expect(await db.pair.count({ where: { campaignId: c.campaignId } })).toBe(0);
    const strength = new Map(c.models.map((m, i) => [m.id, i + 1]));
    let progress = true;
    while (progress) {
      progress = false;
      for (const a of c.annotators) if (await rankOne(c.campaignId, a, strength)) progress = true;
    }
    const assignments = await db.rankingAssignment.findMany({ where: { item: { campaignId: c.campaignId } } });
    expect(assignments.filter((a) => a.status === "completed")).toHaveLength(8);
    for (const item of items) {
      const mine = assignments.filter((a) => a.itemId === item.id && a.status === "completed");
      expect(new Set(mine.map((a) => a.annotatorId)).size).toBe(2);
      for (const a of mine) expect([...a.slotOrder].sort()).toEqual([...item.imageIds].sort());
    }
    for (const a of c.annotators) expect((await nextRankingView(c.campaignId, a)).kind).toBe("finished");
  });
});

describe("submitting a ranking", () => {
  it("names the field of a bad rank, accepts ties, replays a repeat, refuses another's assignment, and undoes", async () => {
    const c = await makeRatingCampaign({
      taskType: "ranking",
      models: 3,
      prompts: 2,
      rankingsPerItem: 1,
      annotators: 2,
    });
    const [annotator, other] = c.annotators;
    const view = (await shown(c.campaignId, annotator))!;
    expect(view.images).toEqual([1, 2, 3].map((s) => `/api/ranking-assignments/${view.assignmentId}/image/${s}`));
    expect(view.prompt).toMatch(/test prompt number/);
    const body = { assignmentId: view.assignmentId, ranks: [1, 2], idempotencyKey: uid("k-") };
    expect((await refusal(submitRanking(annotator, body))).issues).toEqual([
      { field: "ranks", message: "one rank per image: 3" },
    ]);
    expect((await refusal(submitRanking(annotator, { ...body, ranks: [1, 4, 2] }))).issues).toEqual([
      { field: "ranks.1", message: "between 1 and 3" },
    ]);
    expect((await refusal(submitRanking(other, { ...body, ranks: [1, 1, 3] }))).code).toBe("NOT_FOUND");
    expect((await refusal(rankingAssignmentImage(other, view.assignmentId, "1"))).code).toBe("NOT_FOUND");
    expect((await refusal(rankingAssignmentImage(annotator, view.assignmentId, "4"))).code).toBe("NOT_FOUND");

    const stored = await submitRanking(annotator, { ...body, ranks: [1, 1, 3] });
    expect(stored.replayed).toBe(false);
    expect(await submitRanking(annotator, { ...body, ranks: [1, 1, 3] })).toMatchObject({ replayed: true });
    expect((await refusal(submitRanking(annotator, { ...body, ranks: [3, 1, 1] }))).code).toBe("CONFLICT");
    expect((await refusal(undoRanking(other, stored.rankingId))).code).toBe("NOT_FOUND");
    await undoRanking(annotator, stored.rankingId);
    expect((await shown(c.campaignId, annotator))?.assignmentId).toBe(view.assignmentId);
  });
});

describe("ranking results", () => {
  it("both leaderboards order the models as every annotator did, Kendall's W is 1, and slot shares sum to all rankings", async () => {
    const c = await makeRatingCampaign({
      taskType: "ranking",
      models: 3,
      prompts: 12,
      rankingsPerItem: 2,
      annotators: 2,
    });
    const strength = new Map(c.models.map((m, i) => [m.id, i + 1]));
    for (const a of c.annotators) while (await rankOne(c.campaignId, a, strength));
    const owner = asUser(c.owner);
    const settings = { rounds: 200, seed: 1, level: 0.95 };
    const report = await rankingResults(owner, c.campaignId, settings);
    expect(report.dataSnapshot).toMatchObject({ rankings: 24, analysed: 24, sets: 12, annotators: 2 });
    const names = c.models.map((m) => m.name);
    expect(report.plackettLuce!.rows.map((r) => r.model)).toEqual(names);
    expect(report.rankBroken!.rows.map((r) => r.model)).toEqual(names);
    // Each of the 12 sets ranked identically by both annotators: W = 1 by definition (perfect concordance).
    expect(report.concordance!.tasks).toHaveLength(12);
    expect(report.concordance!.meanW).toBeCloseTo(1, 12);
    expect(report.slotBias).toHaveLength(1);
    expect(report.slotBias[0].slots.reduce((s, x) => s + x.firsts, 0)).toBeCloseTo(24, 12);

    const csv = (await rankingsCsv(owner, c.campaignId)).trim().split("\r\n");
    expect(csv[0]).toBe("annotator,ranking,set,prompt,category,slot,image,model,rank,flagged,created_at");
    expect(csv).toHaveLength(1 + 24 * 3);
    const html = (await taskTypeReport(owner, c.campaignId, settings as never, "html"))!;
    expect(html).toContain("Plackett–Luce");
    expect(html).toContain("Kendall");
    const stranger = asUser(await makeUser("researcher"));
    for (const call of [
      () => rankingResults(stranger, c.campaignId, settings),
      () => rankingsCsv(stranger, c.campaignId),
      () => taskTypeReport(stranger, c.campaignId, settings as never, "json"),
    ])
      expect((await refusal(call())).code).toBe("NOT_FOUND");
  });
});
