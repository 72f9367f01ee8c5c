/**
 * The results paths on a campaign of 1,000,000 judgments (1,632 prompts × 3 models, 2 criteria,
 * synthetic annotators; rows inserted with SQL generate_series into a database of the bench's own:
 * embedded PostgreSQL in .data/bench-report, removed afterwards unless --keep). Each path cold
 * (nothing kept) and warm (kept results), in one run and one process, whose peak RSS is sampled:
 * - results JSON (reductions in PostgreSQL from the kept vote tallies + statistics), HTML report (the same + 8 sample pairs);
 * - the judgment CSV (COPY of ready CSV lines) against a raw COPY … FORMAT csv of the same
 *   judgments' own columns, sent to nowhere (the database's own writing speed), measured right
 *   before and right after the CSV (the ratio uses their mean: the load of a shared machine moves);
 * - the live summary (kept counters and kept figures): cold, warm, and right after a judgment;
 * - the statistics core alone on the reduced counts (what remains once the reduction is read), and
 *   one plain pass over the judgment rows (the floor of anything that reads them all).
 * The baselines (raw COPYs, plain pass, reductions, statistics core) run in child processes
 * (--baseline), so the peak RSS is that of the process building the product's paths alone.
 * Ends with one line: `summary: judgments=N results_cold_s=… results_warm_s=… html_s=…
 * csv_vs_copy=… live_summary_ms=… peak_rss_mib=…`.
 *
 * Run: npx tsx --conditions=react-server bench/report.ts [--judgments 1000000] [--keep] [--campaign ID]
 * [--split-ab N] (--campaign reuses a campaign of a database kept by an earlier --keep run; --split-ab:
 * splitAb below). The measured process runs with the web server's Node flags (it restarts itself
 * with them: scripts/support/server-node-options.ts).
 */
import "./support/bench-env";
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import sharp from "sharp";
import { benchFlags } from "./support/args";
import { benchDatabase } from "./support/database";
import { SERVER_NODE_OPTIONS } from "../scripts/support/server-node-options";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { campaignSummary } from "../lib/campaigns/campaign-summary";
import { createReadyPairs } from "../lib/pairs/create-ready-pairs";
import { saveImage } from "../lib/storage/save-image";
import { insertSyntheticJudgments } from "../lib/results/synthetic-judgments";
import { loadCampaignData } from "../lib/results/campaign-data";
import { analyseCampaign, exclusionRule } from "../lib/results/campaign-results";
import { campaignReport } from "../lib/results/campaign-report";
import { EXPORT_WORK_MEM, judgmentsCsvStream } from "../lib/results/judgments-csv";
import { readAnswers, readReduction, reducedCriteria } from "../lib/results/reductions";
import { forgetMemory } from "../lib/results/results-cache";
import { DEFAULT_RESULTS_SETTINGS, statsSettingsFor } from "../lib/results/settings";
import { JUDGMENT_SCAN, RAW_JUDGMENT_COLUMNS, SET_JUDGMENT_EXPORT } from "../lib/results/statements";
import { copyCsv } from "../lib/db/copy-binary";
import { getPreparedPool } from "../lib/db";
import { inSnapshot, run, withSharedSnapshot } from "../lib/db/prepared";
import { campaignStatsFromInputs, criterionInputFromReduction } from "../lib/stats";

const values = benchFlags(
  { judgments: 1_000_000, "split-ab": 0 },
  {
    keep: { type: "boolean", default: false },
    campaign: { type: "string" },
    baseline: { type: "string" },
    when: { type: "string", default: "" },
  },
);
const N = values.judgments;
const PROMPTS = 1632;

// The measured process runs with the web server's Node flags (scripts/support/server-node-options.ts),
// as the paths it builds run in production: started without them, the bench runs itself again with them.
const missingFlags = SERVER_NODE_OPTIONS.filter((flag) => !process.execArgv.includes(flag));
if (missingFlags.length > 0) {
  const again = spawnSync(process.execPath, [...missingFlags, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exit(again.status ?? 1);
}

const { dataDir, database, db, close } = await benchDatabase();

const seconds = (t0: number) => (performance.now() - t0) / 1000;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 20);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** A campaign of N judgments, and its owner (the reports are read as the researcher reads them). */
async function seed() {
  const owner = await db.user.create({ data: { email: `bench-${Date.now()}@bench.local`, role: "researcher" } });
  const categories = [
    "Animals",
    "Artifacts",
    "Arts",
    "Food & Beverage",
    "Illustrations",
    "Indoor Scenes",
    "Outdoor Scenes",
    "People",
    "Produce & Plants",
    "Vehicles",
    "World Knowledge",
    "Abstract",
  ];
  const set = await db.promptSet.create({
    data: { name: `bench-${Date.now()}`, format: "builtin", promptCount: PROMPTS },
  });
  await db.$executeRaw`
    INSERT INTO "Prompt" (id, "promptSetId", "externalId", text, category, challenge, position)
    SELECT 'bp-' || ${set.id} || '-' || g, ${set.id}, 'p' || g, 'bench prompt ' || g, (${categories}::text[])[1 + g % 12], 'Challenge ' || (g % 11), g
    FROM generate_series(0, ${PROMPTS - 1}::int) g`;
  const models = await Promise.all(
    ["bench-a", "bench-b", "bench-c"].map((name) =>
      db.model.create({ data: { name: `${name}-${Date.now()}`, adapterKind: "onnx_demo", config: {} } }),
    ),
  );
  const { id } = await createCampaign(owner.id, {
    name: "Bench: 1M judgments",
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
  });
  // One real image file for every row, so the HTML report's sample can inline thumbnails.
  const img = await saveImage(
    await sharp({ create: { width: 256, height: 256, channels: 3, background: "#4a7" } })
      .png()
      .toBuffer(),
  );
  await db.$executeRaw`
    INSERT INTO "Image" (id, "campaignId", "modelId", "promptId", seed, "storageKey", "displayKey", sha256, width, height)
    SELECT 'bi-' || m.id || '-' || p.id, ${id}, m.id, p.id, 0, ${img.storageKey}, NULL, ${img.sha256}, 256, 256
    FROM "Prompt" p CROSS JOIN "Model" m WHERE p."promptSetId" = ${set.id} AND m.id = ANY(${models.map((m) => m.id)}::text[])`;
  await createReadyPairs(id);
  await db.campaign.update({ where: { id }, data: { status: "annotating" } });
  const pairs = await db.pair.count({ where: { campaignId: id } });
  const annotators = Math.ceil(N / (pairs * 2));
  const t0 = performance.now();
  const inserted = await insertSyntheticJudgments(id, annotators, N);
  // One flagged annotator, so the exclusion rule has work to do.
  await db.participation.updateMany({
    where: { campaignId: id, userId: `syn-${id}-1` },
    data: { flaggedAt: new Date(), flagReason: "bench" },
  });
  console.log(
    `seeded ${inserted} judgments on ${pairs} pairs, ${annotators} annotators in ${seconds(t0).toFixed(1)} s`,
  );
  await db.$executeRaw`ANALYZE`;
  return { campaignId: id, owner };
}

/** A campaign of a database kept by an earlier --keep run, and its owner. */
async function kept(campaignId: string) {
  const { owner } = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { owner: true } });
  return { campaignId, owner };
}

/**
 * --split-ab N (after the summary, so it moves none of its figures): the cold results JSON N times
 * each way, alternating — the annotator answers in two parts on two connections (as the results
 * read them) and in one part (the pool made full by holding all but one of its connections, so
 * withSharedSnapshot falls back to one connection: the state before the split) — each JSON
 * compared byte for byte with the first; the medians, on one machine under one load.
 */
async function splitAb(campaignId: string, owner: Awaited<ReturnType<typeof kept>>["owner"], rounds: number) {
  const times = { "two parts": [] as number[], "one part": [] as number[] };
  let first: string | null = null;
  for (let i = 0; i < rounds; i++) {
    for (const mode of ["two parts", "one part"] as const) {
      await cold(campaignId);
      const pool = getPreparedPool();
      const spare = (pool.options.max ?? 10) - 1;
      const held = mode === "one part" ? await Promise.all(Array.from({ length: spare }, () => pool.connect())) : [];
      const { value, s } = await timed(`split A/B, results JSON cold, ${mode}`, () =>
        campaignReport(owner, campaignId, DEFAULT_RESULTS_SETTINGS, "json"),
      ).finally(() => held.forEach((c) => c.release()));
      times[mode].push(s);
      first ??= value;
      if (value !== first) throw new Error(`split A/B: the JSON (${mode}) differs from the first one`);
    }
  }
  const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
  const [two, one] = [median(times["two parts"]), median(times["one part"])];
  console.log(
    `split A/B (${rounds} each, JSON identical): median cold JSON two parts ${two.toFixed(2)} s, one part ${one.toFixed(2)} s, ratio ${(two / one).toFixed(2)}`,
  );
}

type Baseline = "raw-copy" | "reductions";
const BASELINE_RESULT = "baseline-result ";

/**
 * Runs one baseline in a child process (this script with --baseline, on the same database) and
 * returns its time; the child's own lines, RSS included, are printed as they come. Synchronous:
 * nothing else runs in this process meanwhile.
 */
function baselineInChild(kind: Baseline, campaignId: string, when = ""): { s: number } {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, process.argv[1], "--baseline", kind, "--campaign", campaignId, "--when", when],
    { env: { ...process.env, DATABASE_URL: database.url }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = out.split("\n");
  for (const line of lines) if (line && !line.startsWith(BASELINE_RESULT)) console.log(`  [child] ${line}`);
  const result = lines.find((l) => l.startsWith(BASELINE_RESULT));
  if (!result) throw new Error(`baseline ${kind}: the child printed no result`);
  return JSON.parse(result.slice(BASELINE_RESULT.length)) as { s: number };
}

/** The child's side: one baseline on the campaign, its time printed last for the parent. */
async function runBaseline(kind: Baseline, campaignId: string, owner: Awaited<ReturnType<typeof kept>>["owner"]) {
  const s = DEFAULT_RESULTS_SETTINGS;
  if (kind === "raw-copy") {
    const copy = await timed(
      `baseline: raw COPY … FORMAT csv of the judgments' own columns, to nowhere (same work_mem as the export)${values.when}`,
      () =>
        inSnapshot(
          async (client) => {
            await run(SET_JUDGMENT_EXPORT, [JSON.stringify({ campaign: campaignId })], client);
            return drain(copyCsv(client, RAW_JUDGMENT_COLUMNS) as unknown as AsyncIterable<Uint8Array>);
          },
          { workMem: EXPORT_WORK_MEM },
        ),
      (bytes) => `${mib(bytes)} MiB`,
    );
    console.log(`${BASELINE_RESULT}${JSON.stringify({ s: copy.s })}`);
    return;
  }
  await timed(
    "baseline: one plain pass over the judgment rows (seq scan + join with the pairs, nothing sorted or sent)",
    () => run(JUDGMENT_SCAN, [campaignId]),
  );
  const reduction = await timed(
    "reductions read (the annotator answers in one part, then in two; vote cells; one snapshot)",
    () =>
      inSnapshot(
        async (client) => {
          const data = await loadCampaignData(owner, campaignId);
          const rule = exclusionRule(data, s, null);
          const excluded = [...data.annotators.keys()].filter(rule.excluded);
          await timed("  annotator answers (one pass over the judgments, one connection)", () =>
            readAnswers(client, data, excluded),
          );
          const answers = await timed(
            "  annotator answers (the pass in two parts on two connections sharing the snapshot, as the results read it)",
            () =>
              withSharedSnapshot(client, { workMem: "256MB" }, (second) => readAnswers(client, data, excluded, second)),
          );
          const cells = await timed("  vote cells (kept tallies less the excluded)", () =>
            readReduction(client, data, answers.value, false),
          );
          return { data, reduction: cells.value };
        },
        { workMem: "256MB" },
      ),
  );
  const stats = await timed("baseline: statistics core on the reduced counts", async () => {
    const { data, reduction: r } = reduction.value;
    const settings = statsSettingsFor(s, data.baselineModel);
    return campaignStatsFromInputs(
      reducedCriteria(data, r).map((c) => criterionInputFromReduction(c, settings)),
      settings,
    );
  });
  console.log(`${BASELINE_RESULT}${JSON.stringify({ s: stats.s })}`);
}

/** Empties every cache: this process's memory and the ResultsCache table. */
async function cold(campaignId: string) {
  forgetMemory();
  await db.resultsCache.deleteMany({ where: { campaignId } });
}

async function timed<T>(label: string, work: () => Promise<T>, note: (value: T) => string = () => "") {
  const t0 = performance.now();
  const value = await work();
  const s = seconds(t0);
  sampleRss();
  const rss = `RSS now ${mib(process.memoryUsage().rss)} MiB, peak so far ${mib(peakRss)} MiB`;
  console.log(`${label}: ${s.toFixed(3)} s${note(value) ? ` (${note(value)})` : ""} [${rss}]`);
  return { value, s };
}

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

try {
  if (values.baseline) {
    if (!values.campaign || !["raw-copy", "reductions"].includes(values.baseline))
      throw new Error("--baseline raw-copy|reductions goes with --campaign ID (the bench runs it in a child process)");
    const { owner } = await kept(values.campaign);
    await runBaseline(values.baseline as Baseline, values.campaign, owner);
  } else {
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}; the web server's Node flags: ${SERVER_NODE_OPTIONS.join(" ")}`,
    );
    const { campaignId, owner } = values.campaign ? await kept(values.campaign) : await seed();
    const judgments = (await db.campaignJudgmentState.findUniqueOrThrow({ where: { campaignId } })).judgments;
    const s = DEFAULT_RESULTS_SETTINGS;
    console.log(`campaign ${campaignId}: ${judgments} judgments; settings: defaults (majority, 1,000 rounds)`);

    // Baselines first: the database's own COPY speed, and the statistics on counts already read. Each
    // runs in a child process of its own (baselineInChild), so what they allocate is not counted in
    // the peak RSS of this process, which builds the product's paths as a server would. The raw COPY
    // is measured again on either side of the judgment CSV, whose ratio uses those two: on a shared
    // machine the load moves within a run, and a baseline taken minutes apart does not compare.
    baselineInChild("raw-copy", campaignId);
    baselineInChild("reductions", campaignId);
    sampleRss();
    console.log(
      `RSS before the measured paths: ${mib(process.memoryUsage().rss)} MiB (peak so far ${mib(peakRss)} MiB)`,
    );
    await cold(campaignId);
    const jsonCold = await timed(
      "results JSON, cold",
      () => campaignReport(owner, campaignId, s, "json"),
      (t) => `${(t.length / 1024).toFixed(0)} KiB`,
    );
    const jsonWarm = await timed("results JSON, warm (kept in memory)", () =>
      campaignReport(owner, campaignId, s, "json"),
    );
    forgetMemory();
    await timed("results JSON, warm (kept in the database)", () => campaignReport(owner, campaignId, s, "json"));
    if (jsonWarm.value !== jsonCold.value) throw new Error("kept JSON differs from computed JSON");

    await cold(campaignId);
    const htmlCold = await timed(
      "HTML report, cold",
      () => campaignReport(owner, campaignId, s, "html"),
      (t) => `${(t.length / 1024).toFixed(0)} KiB`,
    );
    await timed("HTML report, warm", () => campaignReport(owner, campaignId, s, "html"));

    const copyBefore = baselineInChild("raw-copy", campaignId, ", right before the judgment CSV");
    const csv = await timed(
      "judgment CSV (COPY of ready lines)",
      async () => drain((await judgmentsCsvStream(owner, campaignId, s)) as unknown as AsyncIterable<Uint8Array>),
      (bytes) => `${mib(bytes)} MiB`,
    );
    const copyAfter = baselineInChild("raw-copy", campaignId, ", right after the judgment CSV");
    const csvVsCopy = (copyBefore.s + copyAfter.s) / 2 / csv.s;
    console.log(
      `judgment CSV rate ÷ raw COPY rate (same rows; the mean of the raw COPYs on either side): ${csvVsCopy.toFixed(2)}`,
    );

    await cold(campaignId);
    await timed("live summary, cold (no figures kept: computes them)", () => campaignSummary(owner, campaignId));
    const polls: number[] = [];
    for (let i = 0; i < 5; i++)
      polls.push((await timed("live summary poll, warm", () => campaignSummary(owner, campaignId))).s);
    // A judgment undone: the poll answers from the kept figures and refreshes them in the background.
    const last = await db.judgment.findFirstOrThrow({ where: { pair: { campaignId } }, orderBy: { id: "desc" } });
    await db.judgment.delete({ where: { id: last.id } });
    const afterChange = await timed("live summary poll right after a judgment changed", () =>
      campaignSummary(owner, campaignId),
    );
    await timed("(the background refresh it started, awaited)", () => analyseCampaign(owner, campaignId, s));
    // The summary's figure: the median poll (five warm polls and the one right after a change); the slowest is printed too.
    const allPolls = [...polls, afterChange.s].sort((x, y) => x - y);
    const liveMs = (1000 * (allPolls[2] + allPolls[3])) / 2;
    console.log(
      `live summary polls: median ${liveMs.toFixed(0)} ms, slowest ${(1000 * allPolls[allPolls.length - 1]).toFixed(0)} ms`,
    );
    console.log(`peak RSS ${mib(peakRss)} MiB`);
    console.log(
      `summary: judgments=${judgments} results_cold_s=${jsonCold.s.toFixed(2)} results_warm_s=${jsonWarm.s.toFixed(3)} html_s=${htmlCold.s.toFixed(2)} csv_vs_copy=${csvVsCopy.toFixed(2)} live_summary_ms=${liveMs.toFixed(0)} peak_rss_mib=${mib(peakRss)}`,
    );
    if (values["split-ab"] > 0) await splitAb(campaignId, owner, values["split-ab"]);
  }
} finally {
  clearInterval(sampler);
  await close();
  if (!values.keep && !values.baseline) rmSync(dataDir, { recursive: true, force: true });
}
