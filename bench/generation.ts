/**
 * Generation throughput: images/s of the whole worker pipeline (pg-boss queue → worker process →
 * onnx-demo in its generation thread → PNG into storage → Image row → pairs) against a bare in-process loop of the
 * same model (session.run + PNG encode, no queue, no database, no storage), in the same run.
 *
 *   npx tsx --conditions=react-server bench/generation.ts [--images 800] [--size 256] [--batch 8] [--claim N] [--concurrency 1]
 *     --batch: images per forward pass (the models' maxBatchSize), the same in both loops;
 *     --claim: jobs the worker claims at once (its --batch; by default four forward passes)
 *     [--cpu-prof DIR]   (DIR receives a V8 CPU profile of the worker process)
 *     [--pg-stats]   (the pipeline's heaviest statements, from pg_stat_statements)
 *
 * Uses its own embedded PostgreSQL in .data/bench-generation (or DATABASE_URL).
 */
import { rmSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { statementStats } from "./support/statement-stats";
import { claimSize } from "../lib/generation/worker-options";
import type { ModelAdapter } from "../lib/models";
import { commandCpuSeconds, processCpuSeconds } from "./support/process-cpu";

const { values } = parseArgs({ options: { images: { type: "string", default: "800" }, size: { type: "string", default: "256" }, batch: { type: "string", default: "8" }, claim: { type: "string" }, concurrency: { type: "string", default: "1" }, "cpu-prof": { type: "string" }, "pg-stats": { type: "boolean", default: false } } });
const IMAGES = Number(values.images);
const SIZE = Number(values.size);
const BATCH = Number(values.batch);
const DATA_DIR = path.resolve(".data/bench-generation");
rmSync(path.join(DATA_DIR, "images"), { recursive: true, force: true });
process.env.DATA_DIR = DATA_DIR;
process.env.LOG_LEVEL = "warn";

const { prepareDatabase } = await import("../scripts/support/stack");
const { startWorkerProcess } = await import("../scripts/support/worker-process");
const database = await prepareDatabase();
const { db, disconnectDb } = await import("../lib/db");
const { createAdapter } = await import("../lib/models");
const { ThreadedAdapter } = await import("../lib/generation/threaded-adapter");
const { createCampaign } = await import("../lib/campaigns/create-campaign");
const { enqueueCampaignJobs } = await import("../lib/generation/enqueue-campaign-jobs");
const { stopBoss } = await import("../lib/queue/boss");

const prompts = Array.from({ length: IMAGES / 2 }, (_, i) => `benchmark prompt ${i}: a ${["red", "green", "blue", "golden"][i % 4]} landscape with ${i % 7} trees`);

// Baseline: the bare loop, both variants, same requests as the pipeline will make.
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
const VARIANTS = ["demo-smooth", "demo-noisy"] as const;
const requests = prompts.map((prompt) => ({ prompt, seed: 0, width: SIZE, height: SIZE, params: { steps: 1, guidance: 0, width: SIZE, height: SIZE, negativePrompt: "" } }));
async function loop(adapter: ModelAdapter) {
  for (let i = 0; i < requests.length; i += BATCH) await adapter.generateBatch!(requests.slice(i, i + BATCH));
}
/** One model after the other, in this thread: the loop the goal names. */
const bare = async (allowSpinning: boolean) => {
  const started = performance.now();
  for (const variant of VARIANTS) {
    const adapter = createAdapter("onnx-demo", { variant, maxBatchSize: BATCH, allowSpinning });
    await adapter.load();
    await loop(adapter);
    await adapter.dispose();
  }
  return IMAGES / ((performance.now() - started) / 1000);
};
/** Both models at once, each in a thread of its own, as a worker runs them (no queue, database or storage). */
const bareThreaded = async () => {
  const adapters = VARIANTS.map((variant) => new ThreadedAdapter("onnx-demo", { config: { variant, maxBatchSize: BATCH }, device: "cpu" }));
  await Promise.all(adapters.map((a) => a.load()));
  const started = performance.now();
  await Promise.all(adapters.map(loop));
  const rate = IMAGES / ((performance.now() - started) / 1000);
  await Promise.all(adapters.map((a) => a.dispose()));
  return rate;
};
await bare(true); // warm-up: builds the graphs, fills caches
// onnxruntime's thread spinning helps some machines and hurts others, and two models at once may
// use the cores better than one after the other: the baseline is the fastest of the three.
const spin = await bare(true);
const bareCpu0 = process.cpuUsage();
const noSpin = await bare(false);
const bareCpu = cpuSeconds(process.cpuUsage(bareCpu0));
const threaded = await bareThreaded();
const bareRate = Math.max(spin, noSpin, threaded);

// Pipeline: one worker process, warmed by a small campaign of its own before the clock starts
// (its threads started, both graphs loaded), as a worker is after its first minute.
const owner = await db.user.upsert({ where: { email: "bench@photogenic.local" }, create: { email: "bench@photogenic.local", role: "researcher" }, update: {} });
const models = await Promise.all(
  (["demo-smooth", "demo-noisy"] as const).map((variant) =>
    db.model.create({ data: { name: `bench-${variant}-${Date.now()}`, adapterKind: "onnx_demo", config: { variant, maxBatchSize: BATCH }, defaultParams: { width: SIZE, height: SIZE } } }),
  ),
);
const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
// The worker serves this run's two models only (the bench database keeps earlier runs' models,
// whose idle queues a worker serving everything would also poll).
const worker = startWorkerProcess(["--models", models.map((m) => m.name).join(","), ...(values.claim ? ["--batch", values.claim] : []), "--concurrency", values.concurrency!], { quiet: true, nodeArgs });

/** A generating campaign over `texts` with both models, not yet enqueued. */
async function prepare(texts: string[]): Promise<{ campaignId: string; texts: string[] }> {
  const set = await db.promptSet.create({
    data: { name: `bench-${Date.now()}-${texts.length}`, format: "builtin", promptCount: texts.length, prompts: { create: texts.map((text, position) => ({ text, externalId: `b${position}`, position })) } },
  });
  const { id: campaignId } = await createCampaign(owner.id, { name: "bench", promptSetId: set.id, modelIds: models.map((m) => m.id) });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  return { campaignId, texts };
}

/** Enqueues the campaign's jobs; resolves when every image exists. */
async function generate({ campaignId, texts }: { campaignId: string; texts: string[] }): Promise<{ campaignId: string; enqueuedAt: Date }> {
  // Times come from the database clock (rows' timestamps), so polling slowly costs no precision
  // and leaves the cores to the worker.
  const [{ now: enqueuedAt }] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  await enqueueCampaignJobs(campaignId);
  while ((await db.image.count({ where: { campaignId } })) < texts.length * 2) await new Promise((r) => setTimeout(r, 250));
  return { campaignId, enqueuedAt };
}

await generate(await prepare(["warm-up one", "warm-up two"]));
const timedCampaign = await prepare(prompts);
if (values["pg-stats"]) await statementStats(database.url, { reset: true });
const cpu0 = { worker: processCpuSeconds(worker.process.pid!), postgres: commandCpuSeconds("postgres"), bench: cpuSeconds(process.cpuUsage()) };
const timed = await generate(timedCampaign);
const pipelineCpu = {
  worker: processCpuSeconds(worker.process.pid!) - cpu0.worker,
  postgres: commandCpuSeconds("postgres") - cpu0.postgres,
  benchProcess: cpuSeconds(process.cpuUsage()) - cpu0.bench,
};
if (values["pg-stats"]) await statementStats(database.url, { reset: false, limit: 20 });
// End to end: enqueue → last image row, so it includes the queue's pickup delay (pollers idle
// at a 0.5 s interval). Steady state: from the first batch's commit to the last one's, by the
// database clock (a batch's rows share their transaction's timestamp), over the images after the
// first batch.
const [span] = await db.$queryRaw<{ first: Date; last: Date; firstBatch: number }[]>`
  SELECT min("createdAt") AS first, max("createdAt") AS last,
    count(*) FILTER (WHERE "createdAt" = (SELECT min("createdAt") FROM "Image" WHERE "campaignId" = ${timed.campaignId}))::int AS "firstBatch"
  FROM "Image" WHERE "campaignId" = ${timed.campaignId}`;
const endToEndRate = IMAGES / ((span.last.getTime() - timed.enqueuedAt.getTime()) / 1000);
const steadyRate = (IMAGES - span.firstBatch) / ((span.last.getTime() - span.first.getTime()) / 1000);
const pairs = await db.pair.count({ where: { campaignId: timed.campaignId } });
await worker.stop();
await stopBoss();
await disconnectDb();
await database.stop();

console.log(
  JSON.stringify(
    {
      machine: `${cpus().length}× ${cpus()[0]?.model}`,
      node: process.version,
      images: IMAGES,
      size: `${SIZE}x${SIZE}`,
      batch: BATCH,
      claim: values.claim ? Number(values.claim) : `worker default (${claimSize(undefined, { maxBatchSize: BATCH })})`,
      concurrency: Number(values.concurrency),
      bareImagesPerSecond: {
        oneAfterTheOther: { threadsSpinning: Number(spin.toFixed(1)), threadsNotSpinning: Number(noSpin.toFixed(1)) },
        bothAtOnceInThreads: Number(threaded.toFixed(1)),
        baseline: Number(bareRate.toFixed(1)),
      },
      pipelineImagesPerSecond: { steadyState: Number(steadyRate.toFixed(1)), endToEnd: Number(endToEndRate.toFixed(1)) },
      ratio: { steadyState: Number((steadyRate / bareRate).toFixed(3)), endToEnd: Number((endToEndRate / bareRate).toFixed(3)) },
      pairs,
      // Where the CPU went: the bare loop (not spinning) in this process; the timed campaign in
      // the worker, PostgreSQL and this process (which enqueued the jobs and polled for the end).
      cpuMsPerImage: {
        bareLoop: Number((bareCpu / IMAGES * 1000).toFixed(2)),
        pipeline: Object.fromEntries(Object.entries(pipelineCpu).map(([k, v]) => [k, Number((v / IMAGES * 1000).toFixed(2))])),
      },
    },
    null,
    2,
  ),
);
