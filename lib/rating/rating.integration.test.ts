import { describe, expect, it } from "vitest";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { createCampaign } from "../campaigns/create-campaign";
import { exportCampaignSpec } from "../campaigns/export-campaign-spec";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../../tests/support/factories";
import { makeRatingCampaign } from "../../tests/support/rating-campaign";
import { nextRatingView, type RatingView } from "./rating-view";
import { submitRating } from "./submit-rating";
import { undoRating } from "./undo-rating";
import { ratingAssignmentImage } from "./rating-image";
import { ratingResults } from "./rating-results";
import { ratingsCsv } from "./ratings-csv";
import { taskTypeReport } from "./task-report";
import type { AspectSpec } from "./aspect-spec";
import { refusal } from "../../tests/support/refusal";

/**
 * The rating task type end to end below the browser (issue 22): the spec's rules, the lease
 * engine's (N distinct annotators per image, never more, lapsed leases, flagged, cap), submission
 * (scale checked, idempotent, undo), and the figures from stored ratings against values worked by hand.
 */

const QUALITY: AspectSpec[] = [
  { key: "quality", question: "How good is the image?", showPrompt: true, scale: "likert5" },
];

async function shown(campaignId: string, annotatorId: string): Promise<RatingView | null> {
  const next = await nextRatingView(campaignId, annotatorId);
  return next.kind === "rating" ? next.view : null;
}

/** Answers every aspect of the image on screen with `valueOf` its assignment; returns false when nothing is served. */
async function rateOne(
  campaignId: string,
  annotatorId: string,
  valueOf: (assignmentId: string) => number | Promise<number>,
): Promise<boolean> {
  const view = await shown(campaignId, annotatorId);
  if (!view) return false;
  const value = await valueOf(view.assignmentId);
  for (let v: RatingView | null = view; v?.assignmentId === view.assignmentId; v = await shown(campaignId, annotatorId))
    for (const aspect of v.aspects)
      await submitRating(annotatorId, {
        assignmentId: v.assignmentId,
        aspectId: aspect.id,
        value: aspect.options.some((o) => o.value === value) ? value : aspect.options[0].value,
        idempotencyKey: uid("rate-"),
      });
  return true;
}

const asUser = (owner: { id: string; email: string | null; name: string | null }): CurrentUser => ({
  id: owner.id,
  email: owner.email,
  name: owner.name,
  role: "researcher",
});

describe("the rating campaign spec", () => {
  it("stores HEIM's aspects as criteria with scales, refuses what a rating campaign does not use, and exports back", async () => {
    const owner = await makeUser("researcher");
    const set = await makePromptSet(2, { ownerId: owner.id });
    const models = [await makeDemoModel(), await makeDemoModel("demo-noisy")];
    const base = { name: uid("r-"), promptSetId: set.id, modelIds: models.map((m) => m.id) };
    const { id } = await createCampaign(owner.id, { ...base, taskType: "rating", aspects: "heim", ratingsPerImage: 4 });
    const criteria = await db.criterion.findMany({ where: { campaignId: id }, orderBy: { position: "asc" } });
    expect(criteria.map((c) => [c.key, c.scale, c.scaleLabels.length, c.judgmentsPerPair, c.showPrompt])).toEqual([
      ["alignment", "likert5", 5, 4, true],
      ["aesthetics", "likert5", 5, 4, true],
      ["originality", "likert5", 5, 4, true],
      ["photorealism", "likert5", 5, 4, false],
      ["subject_clarity", "likert3", 3, 4, true],
    ]);
    const spec = await exportCampaignSpec(asUser(owner), id);
    expect(spec).toMatchObject({ taskType: "rating", ratingsPerImage: 4 });
    expect((spec.aspects as AspectSpec[]).map((a) => a.scale)).toEqual([
      "likert5",
      "likert5",
      "likert5",
      "likert5",
      "likert3",
    ]);
    expect(spec).not.toHaveProperty("criteria");

    const badScale = await refusal(
      createCampaign(owner.id, {
        ...base,
        taskType: "rating",
        aspects: [{ key: "q", question: "How good?", showPrompt: true, scale: "likert7" as "likert5" }],
      }),
    );
    expect(badScale.code).toBe("VALIDATION");
    expect(badScale.issues.map((i) => i.field)).toContain("aspects.0.scale");
    const labels = await refusal(
      createCampaign(owner.id, {
        ...base,
        taskType: "rating",
        aspects: [
          { key: "q", question: "Has text?", showPrompt: true, scale: "yes-no", labels: ["no", "maybe", "yes"] },
        ],
      }),
    );
    expect(labels.issues).toContainEqual({
      field: "aspects.0.labels",
      message: expect.stringContaining("needs 2 labels"),
    });
    const gold = await refusal(createCampaign(owner.id, { ...base, taskType: "rating", goldRate: 0.1 }));
    expect(gold.issues).toContainEqual({ field: "goldRate", message: "a rating campaign has no gold items" });
    const curation = await refusal(createCampaign(owner.id, { ...base, taskType: "rating", curation: {} }));
    expect(curation.issues).toContainEqual({
      field: "curation",
      message: "curation settings belong to a curation campaign",
    });
    const stray = await refusal(createCampaign(owner.id, { ...base, aspects: "heim" }));
    expect(stray.issues).toContainEqual({ field: "aspects", message: "aspects belong to a rating campaign" });
  });
});

describe("leasing images to rate", () => {
  it("an image goes to exactly N distinct annotators, and the campaign is annotating with no pairs", async () => {
    const c = await makeRatingCampaign({ prompts: 4, ratingsPerImage: 2, aspects: QUALITY, annotators: 3 });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: c.campaignId } })).status).toBe("annotating");
    expect(await db.pair.count({ where: { campaignId: c.campaignId } })).toBe(0);
    // Interleaved: each annotator rates one image in turn until nothing is left for anyone.
    let progress = true;
    while (progress) {
      progress = false;
      for (const a of c.annotators) if (await rateOne(c.campaignId, a, () => 3)) progress = true;
    }
    const completed = await db.ratingAssignment.groupBy({
      by: ["imageId"],
      where: { image: { campaignId: c.campaignId }, status: "completed" },
      _count: { _all: true },
    });
    expect(completed).toHaveLength(8);
    expect(completed.every((g) => g._count._all === 2)).toBe(true);
    const ratings = await db.rating.findMany({ where: { image: { campaignId: c.campaignId } } });
    expect(ratings).toHaveLength(16);
    expect(new Set(ratings.map((r) => `${r.imageId}:${r.annotatorId}`)).size).toBe(16);
    for (const a of c.annotators) expect((await nextRatingView(c.campaignId, a)).kind).toBe("finished");
  });

  it("a lapsed lease whose slot was taken is refused; flagged annotators and the cap stop leasing", async () => {
    const c = await makeRatingCampaign({ prompts: 1, ratingsPerImage: 1, aspects: QUALITY, annotators: 4 });
    const [slow, quick, flagged, capped] = c.annotators;
    const first = (await shown(c.campaignId, slow))!;
    const held = await db.ratingAssignment.findUniqueOrThrow({ where: { id: first.assignmentId } });
    // Both images leased by `slow` (one shown, one prefetched): nothing is left for others.
    expect(await shown(c.campaignId, quick)).toBeNull();
    await db.ratingAssignment.updateMany({ where: { annotatorId: slow }, data: { leaseExpiresAt: new Date(0) } });
    const taken = (await shown(c.campaignId, quick))!;
    const takenImage = (await db.ratingAssignment.findUniqueOrThrow({ where: { id: taken.assignmentId } })).imageId;
    await submitRating(quick, {
      assignmentId: taken.assignmentId,
      aspectId: taken.aspects[0].id,
      value: 4,
      idempotencyKey: uid("q-"),
    });
    const late = await db.ratingAssignment.findFirstOrThrow({ where: { annotatorId: slow, imageId: takenImage } });
    const gone = await refusal(
      submitRating(slow, { assignmentId: late.id, aspectId: first.aspects[0].id, value: 2, idempotencyKey: uid("s-") }),
    );
    expect(gone.code).toBe("GONE");
    expect(held.annotatorId).toBe(slow);

    await db.participation.updateMany({
      where: { userId: flagged },
      data: { flaggedAt: new Date(), flagReason: "test" },
    });
    expect((await nextRatingView(c.campaignId, flagged)).kind).toBe("ended");

    await db.campaign.update({ where: { id: c.campaignId }, data: { perAnnotatorCap: 0 } });
    expect((await nextRatingView(c.campaignId, capped)).kind).toBe("finished");
  });
});

describe("submitting a rating", () => {
  it("names the field of a value off the scale, replays a repeat, refuses another's assignment, and undoes", async () => {
    const c = await makeRatingCampaign({ prompts: 2, ratingsPerImage: 1, aspects: QUALITY, annotators: 2 });
    const [annotator, other] = c.annotators;
    const view = (await shown(c.campaignId, annotator))!;
    expect(view.image).toBe(`/api/rating-assignments/${view.assignmentId}/image`);
    expect(view.aspects[0].options.map((o) => [o.value, o.key])).toEqual([
      [1, "1"],
      [2, "2"],
      [3, "3"],
      [4, "4"],
      [5, "5"],
    ]);
    const body = { assignmentId: view.assignmentId, aspectId: view.aspects[0].id, value: 7, idempotencyKey: uid("v-") };
    const off = await refusal(submitRating(annotator, body));
    expect(off.code).toBe("VALIDATION");
    expect(off.issues).toEqual([{ field: "value", message: "allowed: 1, 2, 3, 4, 5" }]);
    const notInt = await refusal(submitRating(annotator, { ...body, value: 2.5 }));
    expect(notInt.issues.map((i) => i.field)).toEqual(["value"]);
    const notYours = await refusal(submitRating(other, { ...body, value: 2 }));
    expect(notYours.code).toBe("NOT_FOUND");

    const stored = await submitRating(annotator, { ...body, value: 5 });
    expect(stored).toMatchObject({ replayed: false, assignmentCompleted: true });
    expect(await submitRating(annotator, { ...body, value: 5 })).toMatchObject({
      replayed: true,
      ratingId: stored.ratingId,
    });
    const reused = await refusal(submitRating(annotator, { ...body, value: 4 }));
    expect(reused.code).toBe("CONFLICT");

    // Another annotator can neither see this assignment's image nor undo this rating.
    expect((await refusal(ratingAssignmentImage(other, view.assignmentId))).code).toBe("NOT_FOUND");
    expect((await refusal(undoRating(other, stored.ratingId))).code).toBe("NOT_FOUND");
    await undoRating(annotator, stored.ratingId);
    expect(await db.rating.count({ where: { id: stored.ratingId } })).toBe(0);
    expect((await shown(c.campaignId, annotator))?.assignmentId).toBe(view.assignmentId);
  });

  it("asks the aspects that hide the prompt first, without the prompt, then the others with it", async () => {
    const c = await makeRatingCampaign({ prompts: 1, ratingsPerImage: 1, aspects: "heim", annotators: 1 });
    const [annotator] = c.annotators;
    const first = (await shown(c.campaignId, annotator))!;
    expect(first.aspects.map((a) => a.showPrompt)).toEqual([false]);
    expect(first.prompt).toBeNull();
    expect(first.remaining).toBe(4);
    await submitRating(annotator, {
      assignmentId: first.assignmentId,
      aspectId: first.aspects[0].id,
      value: 3,
      idempotencyKey: uid("h-"),
    });
    const second = (await shown(c.campaignId, annotator))!;
    expect(second.assignmentId).toBe(first.assignmentId);
    expect(second.aspects).toHaveLength(4);
    expect(second.prompt).toMatch(/test prompt number 0/);
    const clarity = second.aspects.find((a) => a.options.length === 3)!;
    expect(clarity.options.map((o) => o.value)).toEqual([1, 2, 3]);
  });
});

describe("rating results", () => {
  it("per model the mean, distribution, difference and α worked by hand; per category; CSV and reports", async () => {
    const c = await makeRatingCampaign({ prompts: 6, ratingsPerImage: 2, aspects: QUALITY, annotators: 2 });
    const [smooth] = c.models;
    // The smooth model's images get 5 from everyone, the noisy one's 2: perfect agreement.
    const valueOf = async (assignmentId: string) => {
      const { imageId } = await db.ratingAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
      return c.modelOf.get(imageId) === smooth.id ? 5 : 2;
    };
    for (const a of c.annotators) while (await rateOne(c.campaignId, a, valueOf));
    const owner = asUser(c.owner);
    const report = await ratingResults(owner, c.campaignId, { rounds: 200, seed: 1, level: 0.95 });
    expect(report.dataSnapshot).toMatchObject({ ratings: 24, analysed: 24, images: 12, annotators: 2 });
    const [quality] = report.stats;
    const byModel = Object.fromEntries(quality.models.map((m) => [m.model, m]));
    expect(byModel[smooth.name].mean.estimate).toBe(5);
    expect(byModel[c.models[1].name].mean.estimate).toBe(2);
    expect(byModel[smooth.name].distribution).toEqual([0, 0, 0, 0, 12]);
    expect(byModel[c.models[1].name].distribution).toEqual([0, 12, 0, 0, 0]);
    expect(Math.abs(quality.differences[0].estimate)).toBe(3);
    // Every image rated twice, identically: Krippendorff's α is 1 by definition (no disagreement).
    expect(quality.agreement.images).toBe(12);
    expect(quality.agreement.ordinal).toBeCloseTo(1, 12);
    expect(report.byCategory.map((g) => g.group).sort()).toEqual(["Animals", "Artifacts", "People"]);
    for (const g of report.byCategory) expect(g.result[0].models.map((m) => m.ratings)).toEqual([4, 4]);

    const csv = await ratingsCsv(owner, c.campaignId);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("annotator,image,prompt,category,model,aspect,scale,value,flagged,latency_ms,created_at");
    expect(lines).toHaveLength(25);
    expect(lines[1]).toMatch(/^a-[0-9a-f]{10},/);
    const html = (await taskTypeReport(owner, c.campaignId, { rounds: 200, seed: 1, level: 0.95 } as never, "html"))!;
    expect(html).toContain("Krippendorff");
    expect(html).toContain(smooth.name);
    const json = JSON.parse(
      (await taskTypeReport(owner, c.campaignId, { rounds: 200, seed: 1, level: 0.95 } as never, "json"))!,
    );
    expect(json.kind).toBe("rating");
    // Someone else's campaign looks like no campaign, to every use case that reads it.
    const stranger = asUser(await makeUser("researcher"));
    const settings = { rounds: 200, seed: 1, level: 0.95 } as never;
    for (const call of [
      () => ratingResults(stranger, c.campaignId, settings),
      () => ratingsCsv(stranger, c.campaignId),
      () => taskTypeReport(stranger, c.campaignId, settings, "json"),
    ])
      expect((await refusal(call())).code).toBe("NOT_FOUND");
  });
});
