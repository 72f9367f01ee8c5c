import "server-only";
import { db } from "../db";
import { newId } from "../db/new-id";
import { checkImportModels } from "./check-import-models";
import { ensureQueue, generateQueueFor, getBoss, stableJobUuid } from "../queue/boss";
import { notifyQueues } from "../queue/wake-up";

export interface GenerateJobData {
  generationJobId: string;
}

/**
 * One generation job per (campaign, model, prompt, seed): rows in GenerationJob (unique on that
 * key) mirrored into pg-boss under a UUID derived from the row, so enqueueing twice — a double
 * click, a relaunch, two web servers — never doubles work. Seeds are 0..seedsPerPrompt-1.
 * Returns the number of jobs planned.
 */
export async function enqueueCampaignJobs(campaignId: string): Promise<number> {
  await checkImportModels(campaignId);
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: {
      seedsPerPrompt: true,
      models: { select: { modelId: true }, orderBy: { position: "asc" } },
      prompts: { select: { promptId: true }, orderBy: { prompt: { position: "asc" } } },
    },
  });
  // Prompt-major, so every chunk queued below holds all models' jobs for the same prompts: each
  // model starts at once, and pairs form from the first images on.
  const rows = campaign.prompts.flatMap(({ promptId }) =>
    Array.from({ length: campaign.seedsPerPrompt }, (_, seed) => campaign.models.map(({ modelId }) => ({ modelId, promptId, seed }))).flat(),
  );
  // Raw INSERT of arrays: Prisma's createMany spends about 0.3 ms per row building the statement,
  // which delayed a campaign's first image by a third of a second per thousand jobs.
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await db.$executeRaw`
      INSERT INTO "GenerationJob" (id, "campaignId", "modelId", "promptId", seed)
      SELECT id, ${campaignId}, "modelId", "promptId", seed
      FROM unnest(${chunk.map(() => newId())}::text[], ${chunk.map((r) => r.modelId)}::text[], ${chunk.map((r) => r.promptId)}::text[], ${chunk.map((r) => r.seed)}::int[])
        AS r(id, "modelId", "promptId", seed)
      ON CONFLICT DO NOTHING`;
  }
  await sendJobs({ campaignId, status: "pending", attempts: 0 });
  return rows.length;
}

/**
 * Re-queues jobs that failed for good (pg-boss spent its retries), all of a campaign or the ones
 * named: the retry button of the progress view.
 */
export async function retryFailedJobs(campaignId: string, jobIds?: string[]): Promise<number> {
  const where = { campaignId, status: "failed" as const, ...(jobIds ? { id: { in: jobIds } } : {}) };
  const count = await sendJobs(where);
  await db.generationJob.updateMany({ where, data: { status: "pending" } });
  return count;
}

async function sendJobs(where: { campaignId: string; status: "pending" | "failed"; attempts?: number; id?: { in: string[] } }): Promise<number> {
  const pending = await db.generationJob.findMany({
    where,
    select: { id: true, attempts: true, modelId: true },
    // The order they were planned in (prompt-major), so each chunk below serves every model.
    orderBy: [{ prompt: { position: "asc" } }, { seed: "asc" }, { modelId: "asc" }],
  });
  const boss = await getBoss();
  // Queued and announced a few hundred at a time, so workers start on a big campaign while the
  // rest is still being queued.
  for (let i = 0; i < pending.length; i += 250) {
    const chunk = pending.slice(i, i + 250);
    for (const modelId of new Set(chunk.map((j) => j.modelId))) await ensureQueue(generateQueueFor(modelId));
    await boss.insert(
      chunk.map((job) => ({
        // A manual retry of a failed job needs a fresh queue entry: fold the attempt count in.
        id: stableJobUuid(`${job.id}:${job.attempts}`),
        name: generateQueueFor(job.modelId),
        data: { generationJobId: job.id } satisfies GenerateJobData,
      })),
    );
    await notifyQueues([...new Set(chunk.map((j) => generateQueueFor(j.modelId)))]);
  }
  return pending.length;
}
