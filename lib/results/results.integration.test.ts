import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, type User } from "../db";
import { AppError } from "../errors";
import { parseCsv } from "../stats";
import { runAnalyze } from "../../scripts/cli/analyze";
import { makeDemoModel, makePromptSet, makeUser } from "../../tests/support/factories";
import { analyseCampaign } from "./campaign-results";
import { campaignReport } from "./campaign-report";
import { galleryPairs } from "./gallery";
import { csvLine } from "./csv";
import { JUDGMENT_COLUMNS, judgmentsCsvStream } from "./judgments-csv";
import { seedResultsCampaign } from "./seed-results-campaign";
import { DEFAULT_RESULTS_SETTINGS, parseResultsSettings, type ResultsSettings } from "./settings";
import { insertSyntheticJudgments } from "./synthetic-judgments";
import { annotatorPseudonym } from "./pseudonyms";

let campaignId: string;
let owner: User;
let flaggedPseudonym: string;
let annotatorIds: string[];
let dir: string;
const FORMULA_PROMPT = '=HYPERLINK("http://example.com","a cat")';
const settings = (over: Partial<ResultsSettings> = {}): ResultsSettings => ({
  ...DEFAULT_RESULTS_SETTINGS,
  rounds: 200,
  ...over,
});

async function streamText(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const decoder = new TextDecoder();
  let text = "",
    chunks = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    chunks++;
  }
  return { text, chunks };
}

/** The campaign's analysed judgments exported as CSV, and what `photogenic analyze` writes of them as JSON. */
async function analyzeExport(id: string, s: ResultsSettings): Promise<{ text: string; analyzed: string }> {
  const { text } = await streamText(await judgmentsCsvStream(owner, id, s, { analysedOnly: true }));
  const file = path.join(dir, `analysed-${id}.csv`);
  writeFileSync(file, text);
  const out = path.join(dir, `analyze-${id}.json`);
  const io = {
    out: () => {},
    err: (t: string) => {
      throw new Error(t);
    },
  };
  expect(
    runAnalyze(file, { json: out, rounds: String(s.rounds), seed: String(s.seed), level: String(s.level) }, io),
  ).toBe(0);
  return { text, analyzed: readFileSync(out, "utf8") };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "photogenic-results-"));
  owner = await makeUser("researcher");
  const set = await makePromptSet(12, { categories: ["Animals", "Artifacts, old", 'People "quoted"'] });
  // A prompt a spreadsheet would run as a formula: the export writes it as text ('=…), and the
  // round trip through `photogenic analyze` below still gives the report's figures exactly.
  await db.prompt.update({ where: { id: set.prompts[1].id }, data: { text: FORMULA_PROMPT } });
  const models = [
    await makeDemoModel("demo-smooth"),
    await makeDemoModel("demo-noisy"),
    await makeDemoModel("demo-smooth"),
  ];
  const annotators = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser("annotator")));
  annotatorIds = annotators.map((a) => a.id);
  ({ campaignId } = await seedResultsCampaign({
    ownerId: owner.id,
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    annotators: annotatorIds,
  }));
  flaggedPseudonym = annotatorPseudonym(campaignId, annotatorIds[4]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("campaign results", () => {
  it("export CSV → photogenic analyze → the report's figures exactly", async () => {
    const s = settings();
    const { report } = await analyseCampaign(owner, campaignId, s);
    expect(report.stats.criteria.map((c) => c.criterion)).toEqual(["text_faithfulness", "visual_appeal"]);
    expect(report.stats.criteria[0].leaderboard?.rows).toHaveLength(3);
    expect(report.dataSnapshot.gold).toBeGreaterThan(0);
    expect(report.settings.flaggedAnnotatorsExcluded).toEqual([flaggedPseudonym]);

    const { text, analyzed } = await analyzeExport(campaignId, s);
    expect(analyzed).toBe(JSON.stringify(report.stats, null, 2) + "\n");
    const [header, ...rows] = parseCsv(text, "analysed.csv");
    const prompts = new Set(rows.map((r) => r.fields[header.fields.indexOf("prompt")]));
    expect(prompts).toContain(`'${FORMULA_PROMPT}`);
    expect(prompts).not.toContain(FORMULA_PROMPT);
  });

  it("the full CSV holds every judgment with gold and excluded columns a reader can filter on", async () => {
    const { report } = await analyseCampaign(owner, campaignId, settings());
    const { text } = await streamText(await judgmentsCsvStream(owner, campaignId, settings()));
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text, "judgments.csv");
    expect(header.fields).toEqual([...JUDGMENT_COLUMNS]);
    expect(rows).toHaveLength(report.dataSnapshot.judgments);
    const col = (name: string) => header.fields.indexOf(name);
    expect(rows.filter((r) => r.fields[col("gold")] === "true")).toHaveLength(report.dataSnapshot.gold);
    expect(rows.filter((r) => r.fields[col("excluded")] === "true" && r.fields[col("gold")] === "false")).toHaveLength(
      report.dataSnapshot.excluded,
    );
    expect(new Set(rows.map((r) => r.fields[col("category")]))).toContain('People "quoted"');
    expect(rows.every((r) => /^[0-9a-f]{16}$/.test(r.fields[col("crowd_id_hash")]))).toBe(true);
    // The owner's export names each worker's crowd id beside its salted hash, to approve and pay by (issue 18 item 9).
    expect(rows.every((r) => r.fields[col("crowd_source")] === "prolific")).toBe(true);
    expect(new Set(rows.map((r) => r.fields[col("crowd_id")]))).toContain("PID1");
  });

  it("the same inputs give byte-identical JSON; another seed gives other intervals", async () => {
    const a = await campaignReport(owner, campaignId, settings(), "json");
    const b = await campaignReport(owner, campaignId, settings(), "json");
    expect(a).toBe(b);
    const c = await campaignReport(owner, campaignId, settings({ seed: 2 }), "json");
    expect(c).not.toBe(a);
    const parsed = JSON.parse(a);
    expect(parsed.codeVersion.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(parsed.bootstrapSeed).toBe(1);
    expect(parsed.dataSnapshot.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("settings change the figures and are recorded: exclusion, judgment counting, Dawid–Skene", async () => {
    const excluded = annotatorPseudonym(campaignId, annotatorIds[0]);
    const r = await analyseCampaign(owner, campaignId, settings({ exclude: [excluded], aggregation: "dawid-skene" }));
    expect(r.report.settings.excludedAnnotators).toEqual([excluded]);
    expect(r.report.annotators.find((a) => a.annotator === excluded)?.reason).toBe("excluded in settings");
    expect(r.report.stats.criteria[0].dawidSkene).not.toBeNull();
    for (const c of r.report.stats.criteria)
      expect(
        c.annotatorQuality.map((q) => q.annotatorId).filter((a) => a === excluded || a === flaggedPseudonym),
      ).toEqual([]);
    const perJudgment = await analyseCampaign(owner, campaignId, settings({ aggregation: "judgment" }));
    expect(perJudgment.report.stats.settings.counting).toBe("judgment");
    await expect(analyseCampaign(owner, campaignId, settings({ exclude: ["a-0000000000"] }))).rejects.toMatchObject({
      code: "VALIDATION",
      issues: [{ field: "exclude" }],
    });
  });

  it("an annotator who judged without joining is in the figures, the annotator table and the exclusion settings", async () => {
    // Signed-in annotators judge without a participation; the results meet them in their own pass
    // over the answers (loadCampaignData's judges: "participants"), not in the dictionaries.
    const set = await makePromptSet(4);
    const models = await Promise.all((["demo-smooth", "demo-noisy"] as const).map((kind) => makeDemoModel(kind)));
    const judges = await Promise.all([1, 2, 3].map(() => makeUser("annotator")));
    const { campaignId: id } = await seedResultsCampaign({
      ownerId: owner.id,
      promptSetId: set.id,
      modelIds: models.map((m) => m.id),
      annotators: judges.map((j) => j.id),
      flagLast: false,
    });
    await db.participation.deleteMany({ where: { campaignId: id, userId: judges[0].id } });
    const signedIn = annotatorPseudonym(id, judges[0].id);
    const { report } = await analyseCampaign(owner, id, settings());
    expect(report.annotators.find((a) => a.annotator === signedIn)?.judgments).toBeGreaterThan(0);
    expect((await analyzeExport(id, settings())).analyzed).toBe(JSON.stringify(report.stats, null, 2) + "\n");
    // The export names them as the results do (the statement's own pseudonym), without crowd fields.
    const [header, ...rows] = parseCsv(
      (await streamText(await judgmentsCsvStream(owner, id, settings()))).text,
      "all.csv",
    );
    const column = (name: string) => header.fields.indexOf(name);
    const theirs = rows.filter((r) => r.fields[column("annotator")] === signedIn);
    expect(theirs).toHaveLength(report.annotators.find((a) => a.annotator === signedIn)!.judgments);
    expect(
      theirs.every((r) => r.fields[column("crowd_id_hash")] === "" && r.fields[column("excluded")] === "false"),
    ).toBe(true);
    const without = await analyseCampaign(owner, id, settings({ exclude: [signedIn] }));
    expect(without.report.settings.excludedAnnotators).toEqual([signedIn]);
    expect(without.report.annotators.find((a) => a.annotator === signedIn)?.reason).toBe("excluded in settings");
    expect(without.report.dataSnapshot.excluded).toBe(
      report.annotators.find((a) => a.annotator === signedIn)!.judgments - report.dataSnapshot.gold / judges.length,
    );
  });

  it("the gallery lists each shown pair's judgments as the export has them, excluded ones marked", async () => {
    const analysis = await analyseCampaign(owner, campaignId, settings());
    const gallery = await galleryPairs(analysis, { gsort: "disagreement", gpage: 1 }, 50);
    expect(gallery.pairs.length).toBeGreaterThan(0);
    const { text } = await streamText(await judgmentsCsvStream(owner, campaignId, settings()));
    const [header, ...rows] = parseCsv(text, "judgments.csv");
    const col = (name: string) => header.fields.indexOf(name);
    let marked = 0;
    for (const pair of gallery.pairs) {
      const exported = rows
        .filter((r) => r.fields[col("pair_id")] === pair.pairId)
        .map((r) => ({
          criterion: r.fields[col("criterion")],
          annotator: r.fields[col("annotator")],
          choice: r.fields[col("choice")],
          winningModel: r.fields[col("winning_model")],
          latencyMs: r.fields[col("latency_ms")] === "" ? null : Number(r.fields[col("latency_ms")]),
          excluded: r.fields[col("excluded")] === "true",
        }));
      const sort = (js: typeof exported) =>
        [...js].sort((a, b) => `${a.annotator}${a.criterion}`.localeCompare(`${b.annotator}${b.criterion}`));
      expect(sort(pair.judgments)).toEqual(sort(exported));
      // The export writes the prompt as a CSV cell (a formula-like prompt gets its leading quote).
      const asExported = parseCsv(csvLine([pair.prompt]), "prompt.csv")[0].fields[0];
      expect(asExported).toBe(rows.find((r) => r.fields[col("pair_id")] === pair.pairId)?.fields[col("prompt")]);
      marked += pair.judgments.filter((j) => j.excluded).length;
    }
    expect(marked).toBeGreaterThan(0);
  });

  it("the gallery's disagreement compares votes within a criterion, as the export's rows give them", async () => {
    const analysis = await analyseCampaign(owner, campaignId, settings());
    const gallery = await galleryPairs(analysis, { gsort: "disagreement", gpage: 1 }, 1000);
    expect(gallery.pairs.length).toBe(gallery.total);
    let pooledDiffers = 0;
    for (const pair of gallery.pairs) {
      // Independently: per criterion, the votes off that criterion's top answer, over all votes.
      const byCriterion = new Map<string, Map<string, number>>();
      for (const j of pair.judgments.filter((x) => !x.excluded)) {
        const tally = byCriterion.get(j.criterion) ?? new Map<string, number>();
        byCriterion.set(j.criterion, tally.set(j.winningModel, (tally.get(j.winningModel) ?? 0) + 1));
      }
      const counts = [...byCriterion.values()].map((t) => [...t.values()]);
      const votes = counts.flat().reduce((a, b) => a + b, 0);
      const off = counts.reduce((s, c) => s + c.reduce((a, b) => a + b, 0) - Math.max(...c), 0);
      expect(pair.votes).toBe(votes);
      expect(pair.disagreement).toBeCloseTo(off / votes, 12);
      // What pooling every criterion would have said.
      const pooled = new Map<string, number>();
      for (const c of byCriterion.values()) for (const [k, n] of c) pooled.set(k, (pooled.get(k) ?? 0) + n);
      if (Math.abs(1 - Math.max(...pooled.values()) / votes - pair.disagreement) > 1e-9) pooledDiffers++;
    }
    expect(byCriterionCount(analysis)).toBeGreaterThan(1);
    expect(pooledDiffers).toBeGreaterThan(0);
    const sorted = gallery.pairs.map((p) => p.disagreement);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  });

  it("bad settings name the field", () => {
    const bad = (q: string) => {
      try {
        parseResultsSettings(new URLSearchParams(q));
      } catch (e) {
        return (e as AppError).issues[0]?.field;
      }
      return "accepted";
    };
    expect(bad("aggregation=mode")).toBe("aggregation");
    expect(bad("level=2")).toBe("level");
    expect(bad("rounds=abc")).toBe("rounds");
    expect(bad("exclude=bob")).toBe("exclude.0");
    expect(bad("seed=1&seed=2")).toBe("seed");
    expect(bad("ties=excluded&interval=wilson")).toBe("accepted");
  });

  it("the HTML report is self-contained: inline charts and images, no external reference", async () => {
    const html = await campaignReport(owner, campaignId, settings(), "html");
    expect(html).toContain('data-chart="stacked-bars"');
    expect(html).toContain('data-chart="win-matrix"');
    expect(html).toContain("data:image/webp;base64,");
    expect(html.replace(/http:\/\/www\.w3\.org\/2000\/svg/g, "")).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain(`People &quot;quoted&quot;`);
  });
});

describe("streaming many judgments", () => {
  it("exports tens of thousands of judgments as CSV in several chunks, each once", async () => {
    const owner = await makeUser("researcher");
    const set = await makePromptSet(50);
    const models = [await makeDemoModel(), await makeDemoModel("demo-noisy"), await makeDemoModel()];
    const { campaignId: big } = await seedResultsCampaign({
      ownerId: owner.id,
      promptSetId: set.id,
      modelIds: models.map((m) => m.id),
      annotators: [(await makeUser("annotator")).id],
      flagLast: false,
    });
    const before = await db.judgment.count({ where: { pair: { campaignId: big } } });
    const inserted = await insertSyntheticJudgments(big, 100, 30_000);
    const total = await db.judgment.count({ where: { pair: { campaignId: big } } });
    expect(total).toBe(before + inserted);
    expect(total).toBeGreaterThan(30_000);

    const { text, chunks } = await streamText(await judgmentsCsvStream(owner, big, settings()));
    expect(chunks).toBeGreaterThan(3);
    const lines = text.split("\r\n").filter((l) => l !== "");
    expect(lines).toHaveLength(total + 1);
    const ids = new Set(
      parseCsv(text, "x")
        .slice(1)
        .map((r) => `${r.fields[1]}|${r.fields[11]}|${r.fields[14]}`),
    );
    expect(ids.size).toBe(total);
  });
});

/** How many criteria the campaign's pairs were judged under. */
function byCriterionCount(analysis: Awaited<ReturnType<typeof analyseCampaign>>): number {
  return new Set(analysis.pairVotes.flatMap((p) => p.byCriterion.map((c) => c.criterionId))).size;
}
