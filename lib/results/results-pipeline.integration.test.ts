import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, getPreparedPool } from "../db";
import { inSnapshot, run, withSharedSnapshot } from "../db/prepared";
import { campaignSummary, liveWinRates } from "../campaigns/campaign-summary";
import { undoJudgment } from "../judgments/undo-judgment";
import { annotatorQuality, computeCampaignStats, computeHeadToHeads, toReportJson, type Judgment } from "../stats";
import { runAnalyze } from "../../scripts/cli/analyze";
import { makeDemoModel, makePromptSet, makeUser, redateJudgment } from "../../tests/support/factories";
import { judgmentCsvLine, judgmentRows, qualityJudgment, toStatsJudgment } from "../../tests/support/judgment-oracle";
import { annotatorQualityOptions } from "./annotator-signals";
import { loadCampaignData } from "./campaign-data";
import { analyseCampaign, exclusionRule } from "./campaign-results";
import { JUDGMENT_COLUMNS, judgmentsCsvStream } from "./judgments-csv";
import { csvLine } from "./csv";
import { annotatorPseudonym } from "./pseudonyms";
import { answerRanges, readAnswers, type AnswersReading, type IdRange } from "./reductions";
import { reportJsonText } from "./report-json";
import { forgetMemory } from "./results-cache";
import { seedResultsCampaign } from "./seed-results-campaign";
import { DEFAULT_RESULTS_SETTINGS, type ResultsSettings } from "./settings";
import { ANNOTATOR_ANSWERS, type AnswersRow } from "./statements";
import { insertSyntheticJudgments } from "./synthetic-judgments";

/**
 * The results pipeline (reduced in PostgreSQL, cached) against two independent readings of the
 * same judgments: `photogenic analyze` over the exported CSV, and lib/stats over every judgment
 * read one by one (tests/support/judgment-oracle.ts) the way the results were computed before
 * the reduction (annotator quality with its crowd-quality signals over every judgment, the
 * exclusion rule, the statistics and the head-to-heads with the excluded put back), on a
 * campaign of about 20,000 judgments with a gold pair, a flagged annotator, an excluded one, two
 * annotators sharing an address, undone votes and awkward text.
 */
let campaignId: string;
let owner: Awaited<ReturnType<typeof makeUser>>;
let excludedPseudonym: string;
let dir: string;
const settings = (over: Partial<ResultsSettings> = {}): ResultsSettings => ({
  ...DEFAULT_RESULTS_SETTINGS,
  rounds: 200,
  exclude: [excludedPseudonym],
  ...over,
});

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The figures the per-judgment way: every judgment read, mapped and handed to lib/stats. */
async function perJudgment(s: ResultsSettings) {
  const data = await loadCampaignData(owner, campaignId);
  const all = await judgmentRows(data, () => false);
  const quality = annotatorQuality(all.map(qualityJudgment), annotatorQualityOptions(data));
  const rule = exclusionRule(data, s, new Map(quality.map((q) => [q.annotatorId, q])));
  const models: Judgment[] = [];
  const analysed: Judgment[] = [];
  const lines = [csvLine(JUDGMENT_COLUMNS)];
  for (const row of all) {
    const j = toStatsJudgment(row);
    row.excluded = (rule.reasons.get(row.annotator) ?? null) !== null;
    if (!row.gold) models.push(j);
    if (!row.gold && !row.excluded) analysed.push(j);
    lines.push(judgmentCsvLine(row));
  }
  const statsSettings = {
    counting: s.aggregation === "judgment" ? ("judgment" as const) : ("majority" as const),
    dawidSkene: s.aggregation === "dawid-skene",
    level: s.level,
    bootstrapRounds: s.rounds,
    seed: s.seed,
    targetHalfWidth: s.target,
    baselineModel: data.baselineModel,
  };
  const stats = computeCampaignStats(analysed, statsSettings);
  const withExcluded = analysed.length < models.length ? computeHeadToHeads(models, statsSettings) : null;
  return { stats, quality, reasons: rule.reasons, withExcluded, csv: lines.join(""), total: all.length };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "photogenic-pipeline-"));
  owner = await makeUser("researcher");
  const set = await makePromptSet(40, { categories: ["Animals", "Artifacts, old", 'People "quoted"'] });
  // Text a CSV writer must quote: spaces at either end (a no-break space too), a quote and a line break.
  const prompts = await db.prompt.findMany({ where: { promptSetId: set.id }, orderBy: { position: "asc" }, take: 3 });
  await db.prompt.update({ where: { id: prompts[0].id }, data: { text: " leading space" } });
  await db.prompt.update({ where: { id: prompts[1].id }, data: { text: 'a "quote",\nand a new line\u00a0' } });
  await db.prompt.update({ where: { id: prompts[2].id }, data: { category: "  " } });
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy"), await makeDemoModel()];
  const annotators = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser("annotator")));
  ({ campaignId } = await seedResultsCampaign({
    ownerId: owner.id,
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    annotators: annotators.map((a) => a.id),
  }));
  excludedPseudonym = annotatorPseudonym(campaignId, annotators[0].id);
  // Two annotators joined from one address: the shared-device signal, and a flag to exclude by.
  await db.participation.updateMany({
    where: { campaignId, userId: { in: annotators.slice(1, 3).map((a) => a.id) } },
    data: { addressHash: "h-shared" },
  });
  await insertSyntheticJudgments(campaignId, 80, 19_000);
  // Undone votes: through the real undo (the judgment row goes, the counters move).
  const undone = await db.judgment.findMany({
    where: { pair: { campaignId }, idempotencyKey: { startsWith: "syn-" } },
    take: 3,
    orderBy: { id: "asc" },
  });
  for (const j of undone) await undoJudgment(j.annotatorId, j.id);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the results pipeline on 20,000 judgments", () => {
  it("gives the figures `photogenic analyze` computes from the exported CSV, byte for byte", async () => {
    const s = settings();
    const analysis = await analyseCampaign(owner, campaignId, s);
    const { report } = analysis;
    expect(report.dataSnapshot.judgments).toBeGreaterThan(19_500);
    expect(report.dataSnapshot.gold).toBeGreaterThan(0);
    expect(report.dataSnapshot.excluded).toBeGreaterThan(0);
    expect(report.settings.flaggedAnnotatorsExcluded).toHaveLength(1);
    expect(report.settings.excludedAnnotators).toEqual([excludedPseudonym]);

    const file = path.join(dir, "analysed.csv");
    writeFileSync(file, await text(await judgmentsCsvStream(owner, campaignId, s, { analysedOnly: true })));
    const out = path.join(dir, "analyze.json");
    const io = { out: () => {}, err: (t: string) => expect.fail(t) };
    expect(runAnalyze(file, { json: out, rounds: "200", seed: "1", level: "0.95" }, io)).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(JSON.stringify(report.stats, null, 2) + "\n");
  });

  it("equals lib/stats over every judgment read one by one: figures, signals, flag exclusion, CSV bytes", async () => {
    for (const s of [
      settings(),
      settings({ aggregation: "judgment", seed: 2 }),
      settings({ aggregation: "dawid-skene" }),
      settings({ exclude: [], excludeFlagged: ["shared-device", "side-bias", "timing", "loo-agreement"] }),
      settings({ excludeFlagged: ["gold", "speed", "shared-device"], aggregation: "judgment" }),
      settings({ exclude: [], excludeFlagged: [] }),
    ]) {
      const { report } = await analyseCampaign(owner, campaignId, s);
      const oracle = await perJudgment(s);
      expect(JSON.stringify(report.stats)).toBe(JSON.stringify(oracle.stats));
      expect(report.dataSnapshot.judgments).toBe(oracle.total);
      const table = report.annotators.map(({ excluded: _excluded, reason, annotator, ...q }) => ({
        annotatorId: annotator,
        ...q,
        reason,
      }));
      expect(table).toEqual(
        toReportJson(oracle.quality.map((q) => ({ ...q, reason: oracle.reasons.get(q.annotatorId) ?? null }))),
      );
      expect(JSON.stringify(report.withExcludedAnnotators?.criteria ?? null)).toBe(JSON.stringify(oracle.withExcluded));
      const csv = await text(await judgmentsCsvStream(owner, campaignId, s));
      expect(csv.length).toBe(oracle.csv.length);
      expect(csv).toBe(oracle.csv);
    }
    const { annotators } = (await analyseCampaign(owner, campaignId, settings())).report;
    expect(annotators.filter((a) => a.goldAnswered > 0).length).toBeGreaterThan(0);
    expect(annotators.filter((a) => a.flags.includes("shared-device"))).toHaveLength(2);
    expect(annotators.some((a) => a.signals.looAgreement.items > 0 && a.signals.sideBias.decisive > 0)).toBe(true);
    const flagged = await analyseCampaign(
      owner,
      campaignId,
      settings({ exclude: [], excludeFlagged: ["shared-device"] }),
    );
    expect(flagged.report.settings.flaggedAnnotatorsExcluded).toHaveLength(2);
    expect(flagged.report.withExcludedAnnotators?.annotators).toHaveLength(2);
  });

  it("answers from the cache until a judgment is added or undone", async () => {
    const s = settings({ seed: 3 });
    const first = await analyseCampaign(owner, campaignId, s);
    expect(first.cache).toBe("computed");
    const again = await analyseCampaign(owner, campaignId, s);
    expect(again.cache).toBe("memory");
    forgetMemory();
    const kept = await analyseCampaign(owner, campaignId, s);
    expect(kept.cache).toBe("database");
    expect(reportJsonText(kept.report)).toBe(reportJsonText(first.report));

    const [j] = await db.judgment.findMany({
      where: { pair: { campaignId }, idempotencyKey: { startsWith: "syn-" } },
      take: 1,
      orderBy: { id: "desc" },
    });
    await redateJudgment(j.id, 0); // inside the undo window
    await undoJudgment(j.annotatorId, j.id);
    const afterUndo = await analyseCampaign(owner, campaignId, s);
    expect(afterUndo.cache).toBe("computed");
    expect(afterUndo.report.dataSnapshot.judgments).toBe(first.report.dataSnapshot.judgments - 1);
    const state = await db.campaignJudgmentState.findUniqueOrThrow({ where: { campaignId } });
    expect(state.judgments).toBe(afterUndo.report.dataSnapshot.judgments);
  });

  it("gives the live summary the results page's win rates", async () => {
    const page = (await analyseCampaign(owner, campaignId, DEFAULT_RESULTS_SETTINGS)).report;
    const summary = await campaignSummary(owner, campaignId);
    const expected = liveWinRates(page);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(summary.winRates).toEqual(expected);
    expect(summary.judgments).toBe(page.dataSnapshot.judgments);
    expect(summary.hourly[11]).toBe(page.dataSnapshot.judgments);
  });

  it("reads the answers in two parts on one shared snapshot exactly as in one, an undo since unseen", async () => {
    const data = await loadCampaignData(owner, campaignId);
    const excluded = [...data.annotators.keys()].slice(0, 1);
    const criteria = data.criteria.map((c) => c.id);
    const readRange = (range: IdRange, on: PoolClient) =>
      run(ANNOTATOR_ANSWERS, [campaignId, excluded, data.goldCriterionId, 2, criteria, range.from, range.below], on);
    let before: AnswersReading | undefined;
    const undone: string[] = [];
    await inSnapshot(async (client) => {
      const one = await readAnswers(client, data, excluded);
      before = one;
      // Each annotator's last judgment undone after the snapshot was taken: neither connection of it may see that.
      for (const annotatorId of data.annotators.keys()) {
        const last = await db.judgment.findFirst({
          where: { pair: { campaignId }, annotatorId },
          orderBy: { id: "desc" },
        });
        if (!last) continue;
        await redateJudgment(last.id, 0); // recorded just now, so the undo window (seconds) does not depend on this file's pace
        await undoJudgment(annotatorId, last.id);
        undone.push(last.id);
      }
      expect(undone.length).toBeGreaterThan(1);
      const two = await withSharedSnapshot(client, {}, async (second) => {
        expect(second).not.toBeNull();
        // Two id ranges split at the sampled median: each judgment in exactly one, both sizeable,
        // and most annotators in both (what readAnswers joins back in id order).
        const ranges = await answerRanges(client, second, data);
        expect(ranges).toHaveLength(2);
        const halves = [await readRange(ranges[0], client), await readRange(ranges[1], second!)];
        const judgments = (rows: AnswersRow[]) => rows.reduce((n, r) => n + r.codes.length / 4, 0);
        const total = one.annotators.reduce((n, a) => n + a.judgments, 0);
        expect(judgments(halves[0]) + judgments(halves[1])).toBe(total);
        for (const half of halves) expect(judgments(half)).toBeGreaterThan(total / 4);
        const inBoth = halves[0].filter((r) => halves[1].some((x) => x.annotatorId === r.annotatorId));
        expect(inBoth.length).toBeGreaterThan(1);
        return readAnswers(client, data, excluded, second);
      });
      expect(two).toEqual(one);
    });
    // A reading of its own (own snapshot, split likewise) sees the undo.
    const judged = (r: AnswersReading) => r.annotators.reduce((n, a) => n + a.judgments, 0);
    const now = await db.judgment.count({ where: { pair: { campaignId } } });
    expect(judged(await readAnswers(undefined, data, excluded))).toBe(now);
    expect(judged(before!)).toBe(now + undone.length);
  });

  it("stays on one connection, same answers, when the pool has none to spare (no wait for a second while holding one)", async () => {
    const data = await loadCampaignData(owner, campaignId);
    const split = await readAnswers(undefined, data, []);
    const pool = getPreparedPool();
    const held = await Promise.all(Array.from({ length: (pool.options.max ?? 10) - 1 }, () => pool.connect()));
    try {
      const seen: (PoolClient | null)[] = [];
      const alone = await inSnapshot((client) =>
        withSharedSnapshot(client, {}, (second) => {
          seen.push(second);
          return readAnswers(client, data, [], second);
        }),
      );
      expect(seen).toEqual([null]);
      expect(alone).toEqual(split);
    } finally {
      held.forEach((c) => c.release());
    }
  });
});
