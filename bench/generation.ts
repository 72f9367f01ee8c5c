/**
 * Generation throughput: images/s of the whole worker pipeline (pg-boss queue → worker process →
 * onnx-demo → PNG + WebP into storage → Image row → pairs) against a bare in-process loop of the
 * same model (session.run + PNG encode, no queue, no database, no storage), in the same run.
 *
 *   npx tsx --conditions=react-server bench/generation.ts [--images 400] [--size 256] [--batch 8] [--concurrency 1]
 *
 * Uses its own embedded PostgreSQL in .data/bench-generation (or DATABASE_URL).
 */
import { rmSync } from "node:fs";
import { cpus } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { images: { type: "string", default: "400" }, size: { type: "string", default: "256" }, batch: { type: "string", default: "8" }, concurrency: { type: "string", default: "1" } } });
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
const { createCampaign } = await import("../lib/campaigns/create-campaign");
const { enqueueCampaignJobs } = await import("../lib/generation/enqueue-campaign-jobs");
const { stopBoss } = await import("../lib/queue/boss");

const prompts = Array.from({ length: IMAGES / 2 }, (_, i) => `benchmark prompt ${i}: a ${["red", "green", "blue", "golden"][i % 4]} landscape with ${i % 7} trees`);

// Baseline: the bare loop, both variants, same requests as the pipeline will make.
const bare = async () => {
  const started = performance.now();
  for (const variant of ["demo-smooth", "demo-noisy"] as const) {
    const adapter = createAdapter("onnx-demo", { variant, maxBatchSize: BATCH });
    await adapter.load();
    const requests = prompts.map((prompt) => ({ prompt, seed: 0, width: SIZE, height: SIZE, params: { steps: 1, guidance: 0, width: SIZE, height: SIZE, negativePrompt: "" } }));
    for (let i = 0; i < requests.length; i += BATCH) await adapter.generateBatch!(requests.slice(i, i + BATCH));
    await adapter.dispose();
  }
  return IMAGES / ((performance.now() - started) / 1000);
};
await bare(); // warm-up: builds the graphs, fills caches
const bareRate = await bare();

// Pipeline: one worker process, started and warm before the clock starts.
const owner = await db.user.upsert({ where: { email: "bench@photogenic.local" }, create: { email: "bench@photogenic.local", role: "researcher" }, update: {} });
const set = await db.promptSet.create({
  data: { name: `bench-${Date.now()}`, format: "builtin", promptCount: prompts.length, prompts: { create: prompts.map((text, position) => ({ text, externalId: `b${position}`, position })) } },
});
const models = await Promise.all(
  (["demo-smooth", "demo-noisy"] as const).map((variant) =>
    db.model.create({ data: { name: `bench-${variant}-${Date.now()}`, adapterKind: "onnx_demo", config: { variant, maxBatchSize: BATCH }, defaultParams: { width: SIZE, height: SIZE } } }),
  ),
);
const worker = startWorkerProcess(["--batch", String(BATCH), "--concurrency", values.concurrency!], { quiet: true });
const { id: campaignId } = await createCampaign(owner.id, { name: "bench", promptSetId: set.id, modelIds: models.map((m) => m.id) });
await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
// Warm the worker: it discovers the models' queues within a few seconds and loads both graphs.
await new Promise((r) => setTimeout(r, 8000));
const started = performance.now();
await enqueueCampaignJobs(campaignId);
for (;;) {
  if ((await db.image.count({ where: { campaignId } })) >= IMAGES) break;
  await new Promise((r) => setTimeout(r, 100));
}
const pipelineRate = IMAGES / ((performance.now() - started) / 1000);
const pairs = await db.pair.count({ where: { campaignId } });
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
      concurrency: Number(values.concurrency),
      bareImagesPerSecond: Number(bareRate.toFixed(1)),
      pipelineImagesPerSecond: Number(pipelineRate.toFixed(1)),
      ratio: Number((pipelineRate / bareRate).toFixed(3)),
      pairs,
    },
    null,
    2,
  ),
);
