import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { runAnalyze } from "../../scripts/cli/analyze";
import { answerEverything, asResearcher, makeRatingCampaign } from "../../tests/support/rating-campaign";
import type { AspectSpec } from "../rating/aspect-spec";
import { ratingResults } from "../rating/rating-results";
import { ratingsCsv } from "../rating/ratings-csv";
import { rankingResults } from "../ranking/ranking-results";
import { rankingsCsv } from "../ranking/rankings-csv";
import { undoRanking } from "../ranking/undo-ranking";
import { undoRating } from "../rating/undo-rating";
import { makeUser } from "../../tests/support/factories";
import { forgetMemory } from "./results-cache";

/**
 * Rating and ranking campaigns (issue 22) through their exports: `photogenic analyze` on the
 * ratings CSV and on the rankings CSV the app exports gives exactly the figures of the results
 * page's JSON — flagged annotators left out on both sides, categories, ties, several aspects.
 */

const SETTINGS = { rounds: 200, seed: 3, level: 0.9 };
const ASPECTS: AspectSpec[] = [
  { key: "quality", question: "How good is the image?", showPrompt: true, scale: "likert5" },
  { key: "realistic", question: "Is it a photograph?", showPrompt: false, scale: "yes-no" },
];

const asUser = asResearcher;

/** A deterministic spread of answers from a string (no RNG state between calls). */
function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

let dir: string;
beforeAll(() => void (dir = mkdtempSync(path.join(tmpdir(), "photogenic-items-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** analyze FILE --json, the written JSON (the test fails on anything written to stderr). */
function analyzed(file: string, extra: Record<string, string> = {}): unknown {
  const out = path.join(dir, `${path.basename(file)}.json`);
  const io = { out: () => {}, err: (t: string) => expect.fail(t) };
  expect(
    runAnalyze(
      file,
      {
        json: out,
        rounds: String(SETTINGS.rounds),
        seed: String(SETTINGS.seed),
        level: String(SETTINGS.level),
        ...extra,
      },
      io,
    ),
  ).toBe(0);
  return JSON.parse(readFileSync(out, "utf8"));
}

/**
 * The page's JSON as served (the report through JSON). The export lists ratings oldest first, so
 * analyze meets the aspects in the order they were asked (a prompt-hiding aspect first), not in
 * the campaign's order: aspects are compared by key.
 */
function served(figures: object): unknown {
  const byAspect = (list: { aspect: string }[]) => [...list].sort((a, b) => a.aspect.localeCompare(b.aspect));
  return JSON.parse(JSON.stringify(figures), (key, value) =>
    (key === "stats" || key === "result") && Array.isArray(value) ? byAspect(value) : value,
  );
}

describe("photogenic analyze on the app's exports", () => {
  it("reads the ratings CSV (format from its header) and gives the rating results page's figures", async () => {
    const c = await makeRatingCampaign({
      prompts: 9,
      models: 3,
      aspects: ASPECTS,
      ratingsPerImage: 2,
      annotators: 3,
      perAnnotatorCap: 18,
    });
    await answerEverything(c.campaignId, c.annotators, {
      value: (a, image, aspect, values) => values[hash(`${a}${image}${aspect}`) % values.length],
    });
    await db.participation.updateMany({
      where: { campaignId: c.campaignId, userId: c.annotators[2] },
      data: { flaggedAt: new Date(), flagReason: "by hand" },
    });
    const owner = asUser(c.owner);
    const report = await ratingResults(owner, c.campaignId, SETTINGS);
    expect(report.dataSnapshot.excluded).toBeGreaterThan(0);
    expect(report.stats).toHaveLength(2);
    expect(report.byCategory.length).toBeGreaterThan(1);
    const file = path.join(dir, "ratings.csv");
    writeFileSync(file, await ratingsCsv(owner, c.campaignId));
    expect(served(analyzed(file) as object)).toEqual(
      served({ kind: "rating", stats: report.stats, byCategory: report.byCategory }),
    );
  });

  it("reads the rankings CSV (format from its header) and gives the ranking results page's figures", async () => {
    const c = await makeRatingCampaign({
      taskType: "ranking",
      prompts: 10,
      models: 4,
      rankingsPerItem: 3,
      annotators: 3,
    });
    await answerEverything(c.campaignId, c.annotators, {
      // Mostly the model order, with ties and upsets spread by the hash.
      ranks: (a, order) =>
        order.map((image) => 1 + (((hash(`${a}${image}`) % 5) + (c.modelOf.get(image) ?? "").length) % 4)),
    });
    await db.participation.updateMany({
      where: { campaignId: c.campaignId, userId: c.annotators[2] },
      data: { flaggedAt: new Date(), flagReason: "by hand" },
    });
    const owner = asUser(c.owner);
    const report = await rankingResults(owner, c.campaignId, SETTINGS);
    expect(report.dataSnapshot.excluded).toBeGreaterThan(0);
    expect(report.concordance!.tasks.length).toBeGreaterThan(0);
    const file = path.join(dir, "rankings.csv");
    writeFileSync(file, await rankingsCsv(owner, c.campaignId));
    const { rankBroken, plackettLuce, concordance, slotBias } = report;
    expect(served(analyzed(file) as object)).toEqual(
      served({ kind: "ranking", rankBroken, plackettLuce, concordance, slotBias }),
    );
  });
});

describe("rating and ranking results are kept like pairwise results", () => {
  /** Changes the kept body of every kept result of the campaign and forgets this process's memory. */
  async function tamperKept(campaignId: string, edit: (body: Record<string, unknown>) => void) {
    forgetMemory();
    const rows = await db.resultsCache.findMany({ where: { campaignId } });
    expect(rows).toHaveLength(1);
    for (const row of rows) {
      const body = JSON.parse(row.body) as Record<string, unknown>;
      edit(body);
      await db.resultsCache.update({
        where: {
          campaignId_settingsKey_codeVersion: {
            campaignId: row.campaignId,
            settingsKey: row.settingsKey,
            codeVersion: row.codeVersion,
          },
        },
        data: { body: JSON.stringify(body) },
      });
    }
  }

  it("answers from the kept results until a rating, an undo or a flag moves the campaign", async () => {
    const c = await makeRatingCampaign({ prompts: 3, models: 2, aspects: ASPECTS, ratingsPerImage: 2, annotators: 2 });
    const owner = asUser(c.owner);
    const [first, second] = c.annotators;
    await answerEverything(c.campaignId, [first], { value: (_a, _i, _s, values) => values[0] });
    const fresh = await ratingResults(owner, c.campaignId, SETTINGS);
    expect(fresh.dataSnapshot.ratings).toBe(12);
    // The kept counters count ratings: the state the cache is keyed by, and the live summary's count.
    expect(await db.campaignJudgmentState.findUnique({ where: { campaignId: c.campaignId } })).toMatchObject({
      judgments: 12,
      version: 12,
    });
    await tamperKept(c.campaignId, (b) => ((b.dataSnapshot as { ratings: number }).ratings = -1));
    expect((await ratingResults(owner, c.campaignId, SETTINGS)).dataSnapshot.ratings).toBe(-1);
    // Other settings are kept apart; settings a rating report does not read do not split them.
    expect((await ratingResults(owner, c.campaignId, { ...SETTINGS, seed: 4 })).dataSnapshot.ratings).toBe(12);
    expect(await db.resultsCache.count({ where: { campaignId: c.campaignId } })).toBe(2);
    await db.resultsCache.deleteMany({ where: { campaignId: c.campaignId, settingsKey: { contains: "seed=4" } } });

    // An undo moves the state: recomputed.
    await tamperKept(c.campaignId, (b) => ((b.dataSnapshot as { ratings: number }).ratings = -1));
    const last = await db.rating.findFirstOrThrow({ where: { annotatorId: first }, orderBy: { createdAt: "desc" } });
    await undoRating(first, last.id);
    expect((await ratingResults(owner, c.campaignId, SETTINGS)).dataSnapshot.ratings).toBe(11);
    // A new rating too.
    await tamperKept(c.campaignId, (b) => ((b.dataSnapshot as { ratings: number }).ratings = -1));
    await answerEverything(c.campaignId, [second], { value: (_a, _i, _s, values) => values[1] });
    const more = await ratingResults(owner, c.campaignId, SETTINGS);
    expect(more.dataSnapshot.ratings).toBeGreaterThan(11);
    // A flag too.
    await tamperKept(c.campaignId, (b) => ((b.dataSnapshot as { ratings: number }).ratings = -1));
    await db.participation.updateMany({
      where: { campaignId: c.campaignId, userId: second },
      data: { flaggedAt: new Date(), flagReason: "by hand" },
    });
    const flagged = await ratingResults(owner, c.campaignId, SETTINGS);
    expect(flagged.dataSnapshot).toMatchObject({
      ratings: more.dataSnapshot.ratings,
      excluded: more.dataSnapshot.ratings - 11,
    });
    // Another researcher gets a 404, not the kept figures.
    await expect(ratingResults(asUser(await makeUser("researcher")), c.campaignId, SETTINGS)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps a ranking campaign's figures until a ranking moves it", async () => {
    const c = await makeRatingCampaign({
      taskType: "ranking",
      prompts: 3,
      models: 3,
      rankingsPerItem: 1,
      annotators: 2,
    });
    const owner = asUser(c.owner);
    await answerEverything(c.campaignId, [c.annotators[0]], { ranks: (_a, order) => order.map((_, i) => i + 1) });
    expect((await rankingResults(owner, c.campaignId, SETTINGS)).dataSnapshot.rankings).toBe(3);
    await tamperKept(c.campaignId, (b) => ((b.dataSnapshot as { rankings: number }).rankings = -1));
    expect((await rankingResults(owner, c.campaignId, SETTINGS)).dataSnapshot.rankings).toBe(-1);
    const last = await db.ranking.findFirstOrThrow({
      where: { item: { campaignId: c.campaignId } },
      orderBy: { createdAt: "desc" },
    });
    await undoRanking(c.annotators[0], last.id);
    expect((await rankingResults(owner, c.campaignId, SETTINGS)).dataSnapshot.rankings).toBe(2);
  });
});
