import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { runAnalyze } from "../../scripts/cli/analyze";
import { answerEverything, makeRatingCampaign } from "../../tests/support/rating-campaign";
import type { AspectSpec } from "../rating/aspect-spec";
import { ratingResults } from "../rating/rating-results";
import { ratingsCsv } from "../rating/ratings-csv";
import { rankingResults } from "../ranking/ranking-results";
import { rankingsCsv } from "../ranking/rankings-csv";

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

const asUser = (u: { id: string; email: string | null; name: string | null }): CurrentUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: "researcher",
});

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
