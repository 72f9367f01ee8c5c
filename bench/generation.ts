/**
 * Generation throughput: images/s of the whole worker pipeline (pg-boss queue → worker process →
 * onnx-demo in its generation thread → PNG into storage → Image row → pairs) against bare loops
 * of the same models (session.run + PNG encode, no queue, no database, no storage), in the same run.
 *
 *   npx tsx --conditions=react-server bench/generation.ts [--images 800] [--size 256] [--batch 8] [--claim N] [--concurrency N] [--rounds 5]
 *     --batch: images per forward pass (the models' maxBatchSize), the same in both loops;
 *     --claim: jobs the worker claims at once (its --batch; by default four forward passes)
 *     --concurrency: claims in flight per model (the worker's --concurrency; by default its own)
 *     --rounds: baseline/pipeline pairs, alternated; the median ratio is the result
 *     [--cpu-prof DIR]   (DIR receives a V8 CPU profile of the worker process)
 *     [--pg-stats]   (the pipeline's heaviest statements, from pg_stat_statements)
 *
 * Uses its own embedded PostgreSQL in .data/bench-generation (or DATABASE_URL).
 */
import "./support/bench-env";
import { rmSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { benchFlags, number } from "./support/args";
import { benchDatabase } from "./support/database";
import { statementStats } from "./support/statement-stats";
import { commandCpuSeconds, processCpuSeconds, threadCpuSeconds } from "./support/process-cpu";
import { startWorkerProcess } from "../scripts/support/worker-process";
import { claimSize } from "../lib/generation/worker-options";
import { createAdapter, type ModelAdapter } from "../lib/models";
import { ThreadedAdapter } from "../lib/generation/threaded-adapter";
import { createCampaign } from "../lib/campaigns/create-campaign";
import { enqueueCampaignJobs } from "../lib/generation/enqueue-campaign-jobs";
import { stopBoss } from "../lib/queue/boss";

const values = benchFlags(
  { images: 800, size: 256, batch: 8, rounds: 5 },
  {
    claim: { type: "string" },
    concurrency: { type: "string" },
    "cpu-prof": { type: "string" },
    "pg-stats": { type: "boolean", default: false },
  },
);
const { images: IMAGES, rounds: ROUNDS, size: SIZE, batch: BATCH } = values;
const round3 = (x: number) => Number(x.toFixed(3));
const CLAIM = values.claim === undefined ? undefined : number(values.claim, "claim");
const CONCURRENCY = values.concurrency === undefined ? undefined : number(values.concurrency, "concurrency");

const { dataDir, database, db, close } = await benchDatabase();
rmSync(path.join(dataDir, "images"), { recursive: true, force: true });

const prompts = Array.from(
  { length: IMAGES / 2 },
  (_, i) => `benchmark prompt ${i}: a ${["red", "green", "blue", "golden"][i % 4]} landscape with ${i % 7} trees`,
);

// Baseline: the bare loop, both variants, same requests as the pipeline will make.
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;
const VARIANTS = ["demo-smooth", "demo-noisy"] as const;
const requests = prompts.map((prompt) => ({
  prompt,
  seed: 0,
  width: SIZE,
  height: SIZE,
  params: { steps: 1, guidance: 0, width: SIZE, height: SIZE, negativePrompt: "" },
}));
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
  const adapters = VARIANTS.map(
    (variant) => new ThreadedAdapter("onnx-demo", { config: { variant, maxBatchSize: BATCH }, device: "cpu" }),
  );
  await Promise.all(adapters.map((a) => a.load()));
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const finished = await Promise.all(adapters.map((a) => loop(a).then(() => (performance.now() - started) / 1000)));
  const cpu = cpuSeconds(process.cpuUsage(cpu0));
  await Promise.all(adapters.map((a) => a.dispose()));
  return { rate: IMAGES / Math.max(...finished), finished, cpuMsPerImage: (cpu / IMAGES) * 1000 };
};
await bare(true); // warm-up: builds the graphs, fills caches
// onnxruntime's thread spinning helps some machines and hurts others, and two models at once may
// use the cores better than one after the other: each round's baseline is the fastest of the three.
const spin = await bare(true);
const bareCpu0 = process.cpuUsage();
const noSpin = await bare(false);
const bareCpu = cpuSeconds(process.cpuUsage(bareCpu0));

// Pipeline: one worker process, warmed by a small campaign of its own before the clock starts
// (its threads started, both graphs loaded), as a worker is after its first minute.
const owner = await db.user.upsert({
  where: { email: "bench@photogenic.local" },
  create: { email: "bench@photogenic.local", role: "researcher" },
  update: {},
});
const models = await Promise.all(
  VARIANTS.map((variant) =>
    db.model.create({
      data: {
        name: `bench-${variant}-${Date.now()}`,
        adapterKind: "onnx_demo",
        config: { variant, maxBatchSize: BATCH },
        defaultParams: { width: SIZE, height: SIZE },
      },
    }),
  ),
);
const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
// The worker serves this run's two models only (the bench database keeps earlier runs' models,
// whose idle queues a worker serving everything would also poll).
const worker = startWorkerProcess(
  [
    "--models",
    models.map((m) => m.name).join(","),
    ...(CLAIM ? ["--batch", String(CLAIM)] : []),
    ...(CONCURRENCY ? ["--concurrency", String(CONCURRENCY)] : []),
  ],
  { quiet: true, nodeArgs },
);

/** A generating campaign over `texts` with both models, not yet enqueued. */
async function prepare(texts: string[]): Promise<{ campaignId: string; texts: string[] }> {
  const set = await db.promptSet.create({
    data: {
      name: `bench-${Date.now()}-${texts.length}`,
      format: "builtin",
      promptCount: texts.length,
      prompts: { create: texts.map((text, position) => ({ text, externalId: `b${position}`, position })) },
    },
  });
  const { id: campaignId } = await createCampaign(owner.id, {
    name: "bench",
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  return { campaignId, texts };
}

/** Enqueues the campaign's jobs; resolves when every image exists. */
async function generate({
  campaignId,
  texts,
}: {
  campaignId: string;
  texts: string[];
}): Promise<{ campaignId: string; enqueuedAt: Date; enqueueSeconds: number }> {
  // Times come from the database clock (rows' timestamps), so polling slowly costs no precision
  // and leaves the cores to the worker.
  const [{ now: enqueuedAt }] = await db.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  const enqueueStarted = performance.now();
  await enqueueCampaignJobs(campaignId);
  const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
  while ((await db.image.count({ where: { campaignId } })) < texts.length * 2)
    await new Promise((r) => setTimeout(r, 250));
  return { campaignId, enqueuedAt, enqueueSeconds };
}

await generate(await prepare(["warm-up one", "warm-up two"]));

/** One timed campaign through the worker: its rates, timeline and CPU by process. */
async function timedPipeline(round: number) {
  const campaign = await prepare(prompts.map((p) => `round ${round}: ${p}`));
  const cpu0 = {
    worker: processCpuSeconds(worker.process.pid!),
    postgres: commandCpuSeconds("postgres"),
    bench: cpuSeconds(process.cpuUsage()),
  };
  const threads0 = threadCpuSeconds(worker.process.pid!);
  const timed = await generate(campaign);
  const threads1 = threadCpuSeconds(worker.process.pid!);
  const cpu = {
    worker: processCpuSeconds(worker.process.pid!) - cpu0.worker,
    postgres: commandCpuSeconds("postgres") - cpu0.postgres,
    benchProcess: cpuSeconds(process.cpuUsage()) - cpu0.bench,
  };
  // End to end: enqueue → last image row. Steady state: from the first batch's commit to the last
  // one's, by the database clock (a batch's rows share their transaction's timestamp), over the
  // images after the first batch.
  const [span] = await db.$queryRaw<{ first: Date; last: Date; firstBatch: number }[]>`
    SELECT min("createdAt") AS first, max("createdAt") AS last,
      count(*) FILTER (WHERE "createdAt" = (SELECT min("createdAt") FROM "Image" WHERE "campaignId" = ${timed.campaignId}))::int AS "firstBatch"
    FROM "Image" WHERE "campaignId" = ${timed.campaignId}`;
  // Where the time went: seconds after the enqueue began at which each model's first job was
  // claimed and its first and last images were committed.
  const timeline = await db.$queryRaw<{ modelId: string; firstClaim: number; firstImage: number; lastImage: number }[]>`
    SELECT j."modelId",
      extract(epoch FROM min(j."startedAt") - ${timed.enqueuedAt}::timestamptz)::float AS "firstClaim",
      extract(epoch FROM min(i."createdAt") - ${timed.enqueuedAt}::timestamptz)::float AS "firstImage",
      extract(epoch FROM max(i."createdAt") - ${timed.enqueuedAt}::timestamptz)::float AS "lastImage"
    FROM "GenerationJob" j JOIN "Image" i ON i."jobId" = j.id
    WHERE j."campaignId" = ${timed.campaignId} GROUP BY j."modelId"`;
  const variantOf = (modelId: string) => VARIANTS[models.findIndex((m) => m.id === modelId)];
  return {
    endToEnd: IMAGES / ((span.last.getTime() - timed.enqueuedAt.getTime()) / 1000),
    steadyState: (IMAGES - span.firstBatch) / ((span.last.getTime() - span.first.getTime()) / 1000),
    pairs: await db.pair.count({ where: { campaignId: timed.campaignId } }),
    secondsAfterEnqueue: {
      enqueueReturned: round3(timed.enqueueSeconds),
      ...Object.fromEntries(
        timeline.map((t) => [
          variantOf(t.modelId),
          { firstClaim: round3(t.firstClaim), firstImage: round3(t.firstImage), lastImage: round3(t.lastImage) },
        ]),
      ),
    },
    cpuMsPerImage: Object.fromEntries(
      Object.entries(cpu).map(([k, v]) => [k, Number(((v / IMAGES) * 1000).toFixed(2))]),
    ),
    workerThreadsCpuMsPerImage: Object.fromEntries(
      Object.entries(threads1)
        .map(([name, v]) => [name, Number((((v - (threads0[name] ?? 0)) / IMAGES) * 1000).toFixed(2))])
        .filter(([, v]) => Number(v) > 0),
    ),
  };
}

// Rounds alternate the threaded baseline and the pipeline, so a change in the machine's speed
// during the run (a noisy neighbour, thermal limits) shows as spread instead of skewing one side.
if (values["pg-stats"]) await statementStats(database.url, { reset: true });
const rounds = [];
for (let round = 1; round <= ROUNDS; round++) {
  const threaded = await bareThreaded();
  const pipeline = await timedPipeline(round);
  const baseline = Math.max(spin, noSpin, threaded.rate);
  rounds.push({
    threaded,
    pipeline,
    baseline,
    ratio: { steadyState: pipeline.steadyState / baseline, endToEnd: pipeline.endToEnd / baseline },
  });
}
if (values["pg-stats"]) await statementStats(database.url, { reset: false, limit: 20 });
await worker.stop();
await stopBoss();
await close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Number(x.toFixed(1));
console.log(
  JSON.stringify(
    {
      machine: `${cpus().length}× ${cpus()[0]?.model}`,
      node: process.version,
      images: IMAGES,
      size: `${SIZE}x${SIZE}`,
      batch: BATCH,
      claim: CLAIM ?? `worker default (${claimSize(undefined, { maxBatchSize: BATCH })})`,
      concurrency: CONCURRENCY ?? "worker default",
      // The goal's loop: the two models one after the other in this thread (CPU: not spinning).
      oneLoopImagesPerSecond: {
        threadsSpinning: round1(spin),
        threadsNotSpinning: round1(noSpin),
        cpuMsPerImage: Number(((bareCpu / IMAGES) * 1000).toFixed(2)),
      },
      rounds: rounds.map((r) => ({
        bothAtOnceInThreads: {
          imagesPerSecond: round1(r.threaded.rate),
          secondsPerModel: Object.fromEntries(VARIANTS.map((v, i) => [v, round3(r.threaded.finished[i])])),
          cpuMsPerImage: Number(r.threaded.cpuMsPerImage.toFixed(2)),
        },
        pipeline: {
          steadyState: round1(r.pipeline.steadyState),
          endToEnd: round1(r.pipeline.endToEnd),
          pairs: r.pipeline.pairs,
          secondsAfterEnqueue: r.pipeline.secondsAfterEnqueue,
          cpuMsPerImage: r.pipeline.cpuMsPerImage,
          workerThreadsCpuMsPerImage: r.pipeline.workerThreadsCpuMsPerImage,
        },
        ratio: { steadyState: round3(r.ratio.steadyState), endToEnd: round3(r.ratio.endToEnd) },
      })),
      // Each round's pipeline against the fastest bare run (one loop either way, or both models at once in threads).
      medianRatio: {
        steadyState: round3(median(rounds.map((r) => r.ratio.steadyState))),
        endToEnd: round3(median(rounds.map((r) => r.ratio.endToEnd))),
      },
    },
    null,
    2,
  ),
);
