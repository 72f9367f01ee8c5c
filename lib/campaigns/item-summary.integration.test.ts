import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../auth/guard";
import { db } from "../db";
import { annotationLines, isComplete } from "../../scripts/cli/campaign-watch";
import { makeUser } from "../../tests/support/factories";
import { answerEverything, asResearcher, makeRatingCampaign } from "../../tests/support/rating-campaign";
import type { AspectSpec } from "../rating/aspect-spec";
import { ratingResults } from "../rating/rating-results";
import { undoRating } from "../rating/undo-rating";
import { rankingResults } from "../ranking/ranking-results";
import { DEFAULT_RESULTS_SETTINGS } from "../results/settings";
import { forgetMemory } from "../results/results-cache";
import { annotatorPseudonym } from "../results/pseudonyms";
import { campaignSummary } from "./campaign-summary";

/**
 * The campaign page's live summary of rating and ranking campaigns (issue 22): counts, pace,
 * progress per aspect and the results' figures in their own words (never pairs or judgments),
 * and the annotators' quality signals (straight-lining, speed).
 */

const ASPECTS: AspectSpec[] = [
  { key: "quality", question: "How good is the image?", showPrompt: true, scale: "likert5" },
  { key: "realistic", question: "Is it a photograph?", showPrompt: false, scale: "yes-no" },
];

const asUser = asResearcher;

/** The summary as the browser gets it (the API route's JSON). */
const polled = async (owner: CurrentUser, campaignId: string) =>
  JSON.parse(JSON.stringify(await campaignSummary(owner, campaignId))) as Awaited<ReturnType<typeof campaignSummary>>;

/** The summary on a first visit: nothing kept (a poll during voting may answer from the last kept counts). */
async function firstVisit(owner: CurrentUser, campaignId: string) {
  forgetMemory();
  await db.resultsCache.deleteMany({ where: { campaignId } });
  return polled(owner, campaignId);
}

describe("the live summary of a rating campaign", () => {
  it("counts images, ratings per aspect and pace, shows the mean ratings, and flags straight-lining", async () => {
    const c = await makeRatingCampaign({ prompts: 6, models: 2, aspects: ASPECTS, ratingsPerImage: 2, annotators: 2 });
    const owner = asUser(c.owner);
    const before = await polled(owner, c.campaignId);
    expect(before).toMatchObject({
      taskType: "rating",
      pairs: 0,
      judgments: 0,
      winRates: [],
      leftShare: null,
      items: { answer: "rating", unit: "image", items: 12, figures: { rows: [] } },
    });
    expect(annotationLines(before).join("\n")).not.toMatch(/judgment|pair/);

    // The speed floor (the factory sets none).
    await db.campaign.update({ where: { id: c.campaignId }, data: { minJudgmentMs: 800 } });
    const [steady, varied] = c.annotators;
    // One annotator gives the lowest value everywhere, the other varies with the image.
    await answerEverything(c.campaignId, [steady], { value: (_a, _i, _s, values) => values[0], latencyMs: 300 });
    let n = 0;
    await answerEverything(c.campaignId, [varied], {
      value: (_a, _i, _s, values) => values[n++ % values.length],
      latencyMs: 4000,
    });
    // The summary may answer with figures that lack the newest answers (refreshed behind it, as
    // for pairwise): the results page computes them first, as a visit to it would.
    const report = await ratingResults(owner, c.campaignId, DEFAULT_RESULTS_SETTINGS);
    // The counters at once; the per-aspect counts kept from the last poll until their refresh behind it.
    expect((await polled(owner, c.campaignId)).judgments).toBe(48);
    await expect
      .poll(async () => (await polled(owner, c.campaignId)).items!.progress.map((p) => p.answers))
      .toEqual([24, 24]);
    const s = await polled(owner, c.campaignId);
    expect(s.judgments).toBe(48); // 12 images × 2 aspects × 2 annotators
    expect(s.judgmentsLastHour).toBe(48);
    expect(s.hourly[11]).toBe(48);
    expect(s.items!.progress.map((p) => [p.key, p.answers, p.complete, p.target])).toEqual([
      ["quality", 24, 12, 2],
      ["realistic", 24, 12, 2],
    ]);
    expect(s.etaSeconds).toBeNull();
    expect(isComplete(s)).toBe(true);
    const lines = annotationLines(s).join("\n");
    expect(lines).toContain("48/48");
    expect(lines).toContain("12/12 images complete  24 ratings");
    expect(lines).not.toMatch(/judgment|pair/);

    // The figures are the results page's (default settings), per aspect and model.
    const means = report.stats.flatMap((a) => a.models.map((m) => [m.model, m.mean.estimate, m.ratings]));
    expect(s.items!.figures.rows.map((r) => [r.model, r.estimate, r.n])).toEqual(means);
    expect(s.items!.figures.rows.map((r) => r.group)).toEqual(["quality", "quality", "realistic", "realistic"]);

    const row = (id: string) => s.perAnnotator.find((a) => a.pseudonym === annotatorPseudonym(c.campaignId, id))!;
    expect(row(steady)).toMatchObject({ judgments: 24, medianMs: 300, flagged: null });
    expect(row(steady).signals).toEqual([
      "straight-lining: the same rating on each aspect in 100% of 24 ratings",
      "fast: median 300 ms (floor 800 ms)",
    ]);
    expect(row(varied)).toMatchObject({ judgments: 24, medianMs: 4000, signals: [] });

    // An undo moves the counts down at once.
    const last = await db.rating.findFirstOrThrow({ where: { annotatorId: varied }, orderBy: { createdAt: "desc" } });
    await undoRating(varied, last.id);
    expect((await polled(owner, c.campaignId)).judgments).toBe(47);
    const undone = await firstVisit(owner, c.campaignId);
    expect(undone.judgments).toBe(47);
    expect(undone.items!.progress.reduce((t, p) => t + p.answers, 0)).toBe(47);
    expect(isComplete(undone)).toBe(false);

    await expect(campaignSummary(asUser(await makeUser("researcher")), c.campaignId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("the live summary of a ranking campaign", () => {
  it("counts sets and rankings, shows the Plackett–Luce leaderboard, and flags the same order by position", async () => {
    const c = await makeRatingCampaign({
      taskType: "ranking",
      prompts: 12,
      models: 3,
      rankingsPerItem: 2,
      annotators: 2,
    });
    const owner = asUser(c.owner);
    const before = await polled(owner, c.campaignId);
    expect(before).toMatchObject({
      taskType: "ranking",
      judgments: 0,
      items: { answer: "ranking", unit: "set", items: 12, figures: { rows: [] } },
    });
    const [byPosition, byModel] = c.annotators;
    const strength = new Map(c.models.map((m, i) => [m.id, i + 1]));
    await answerEverything(c.campaignId, [byPosition], { ranks: (_a, order) => order.map((_, s) => s + 1) });
    await answerEverything(c.campaignId, [byModel], {
      ranks: (_a, order) => order.map((image) => strength.get(c.modelOf.get(image)!)!),
    });
    const report = await rankingResults(owner, c.campaignId, DEFAULT_RESULTS_SETTINGS);
    const s = await firstVisit(owner, c.campaignId);
    expect(s.judgments).toBe(24);
    expect(s.items!.progress).toMatchObject([{ key: "preference", answers: 24, complete: 12, target: 2 }]);
    expect(s.items!.figures.rows.map((r) => [r.model, r.estimate, r.lower, r.upper])).toEqual(
      report.plackettLuce!.rows.map((r) => [r.model, r.rating, r.lower, r.upper]),
    );
    const row = (id: string) => s.perAnnotator.find((a) => a.pseudonym === annotatorPseudonym(c.campaignId, id))!;
    expect(row(byPosition).signals).toEqual([
      "straight-lining: the same order by screen position in 100% of 12 rankings",
    ]);
    // Ranking by model gives the same order by position only where the shuffle put the models alike.
    expect(row(byModel).signals).toEqual([]);
    expect(annotationLines(s).join("\n")).toContain("12/12 sets complete  24 rankings");
  });
});
