/**
 * Report generation for a campaign of 1,000,000 judgments: database read (keyset pages) +
 * statistics (1,000 prompt-bootstrap rounds, two criteria, breakdowns) + HTML, and the streamed
 * judgment CSV. Synthetic rows are inserted with SQL generate_series into a database of the
 * bench's own (embedded PostgreSQL in .data/bench-report, removed afterwards unless --keep).
 * Baseline: the same read with LIMIT/OFFSET pages instead of keyset pages (what an ORM's
 * skip/take pagination does): each page rescans everything before it.
 *
 * Run: npx tsx --conditions=react-server bench/report.ts [--judgments 1000000] [--keep] [--skip-baseline]
 */
import { rmSync } from "node:fs";
import { cpus } from "node:os";
import { benchArgs, number } from "./support/args";
import { benchDatabase } from "./support/database";

const values = benchArgs({
  judgments: { type: "string", default: "1000000" },
  keep: { type: "boolean", default: false },
  "skip-baseline": { type: "boolean", default: false },
});
const N = number(values.judgments, "judgments");
const PROMPTS = 1632;

const { dataDir, db, close } = await benchDatabase("bench-report");
const { createCampaign } = await import("../lib/campaigns/create-campaign");
const { createReadyPairs } = await import("../lib/pairs/create-ready-pairs");
const { saveImage } = await import("../lib/storage/save-image");
const { insertSyntheticJudgments } = await import("../lib/results/synthetic-judgments");
const { loadCampaignData } = await import("../lib/results/campaign-data");
const { judgmentRows } = await import("../lib/results/judgment-rows");
const { campaignReport } = await import("../lib/results/campaign-report");
const { judgmentsCsvStream } = await import("../lib/results/judgments-csv");
const { DEFAULT_RESULTS_SETTINGS } = await import("../lib/results/settings");
const sharp = (await import("sharp")).default;

const seconds = (t0: number) => (performance.now() - t0) / 1000;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

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
  console.log(
    `seeded ${inserted} judgments on ${pairs} pairs, ${annotators} annotators in ${seconds(t0).toFixed(1)} s`,
  );
  await db.$executeRaw`ANALYZE`;
  return { campaignId: id, owner };
}

async function readKeyset(data: Awaited<ReturnType<typeof loadCampaignData>>): Promise<number> {
  let n = 0;
  for await (const page of judgmentRows(data, () => false)) n += page.length;
  return n;
}

/** Baseline: the same rows, LIMIT/OFFSET pages of the same size. */
async function readOffset(campaignId: string): Promise<number> {
  let n = 0;
  for (let offset = 0; ; offset += 10_000) {
    const page = await db.$queryRaw<unknown[]>`
      SELECT j.id, j."pairId", j."criterionId", j."annotatorId", j.choice::text AS choice, j."leftImageId", j."latencyMs", j."createdAt"
      FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = ${campaignId}
      ORDER BY j.id LIMIT 10000 OFFSET ${offset}`;
    n += page.length;
    if (page.length < 10_000) return n;
  }
}

try {
  const { campaignId, owner } = await seed();
  const s = DEFAULT_RESULTS_SETTINGS;
  let t0 = performance.now();
  const data = await loadCampaignData(owner, campaignId);
  console.log(
    `dictionaries (${data.pairs.size} pairs, ${data.annotators.size} annotators): ${seconds(t0).toFixed(2)} s`,
  );
  t0 = performance.now();
  const read = await readKeyset(data);
  const tRead = seconds(t0);
  console.log(`judgments read (keyset pages of 10,000): ${read} in ${tRead.toFixed(2)} s`);
  t0 = performance.now();
  const html = await campaignReport(owner, campaignId, s, "html");
  const tHtml = seconds(t0);
  console.log(`HTML report (read + statistics + HTML): ${tHtml.toFixed(2)} s, ${(html.length / 1024).toFixed(0)} KiB`);
  t0 = performance.now();
  const json = await campaignReport(owner, campaignId, s, "json");
  console.log(`JSON report: ${seconds(t0).toFixed(2)} s, ${(json.length / 1024).toFixed(0)} KiB`);
  const rssBeforeCsv = process.memoryUsage().rss;
  t0 = performance.now();
  let bytes = 0;
  for await (const chunk of (await judgmentsCsvStream(owner, campaignId, s)) as unknown as AsyncIterable<Uint8Array>)
    bytes += chunk.length;
  console.log(
    `judgment CSV stream: ${(bytes / 1024 / 1024).toFixed(0)} MiB in ${seconds(t0).toFixed(2)} s (RSS before ${(rssBeforeCsv / 2 ** 20).toFixed(0)} MiB, after ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB)`,
  );
  if (!values["skip-baseline"]) {
    t0 = performance.now();
    const n = await readOffset(campaignId);
    const tOffset = seconds(t0);
    console.log(
      `baseline read (LIMIT/OFFSET pages): ${n} judgments in ${tOffset.toFixed(2)} s → keyset is ${(tOffset / tRead).toFixed(1)}× faster`,
    );
  }
  console.log(
    `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB · ${cpus().length} × ${cpus()[0]?.model} · Node ${process.version}`,
  );
} finally {
  clearInterval(sampler);
  await close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}
