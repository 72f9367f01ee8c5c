import "server-only";
import { z } from "zod";
import { db } from "../db";
import { run } from "../db/prepared";
import { PLAN_JOBS } from "./statements";
import type { CurrentUser } from "../auth/guard";
import { campaignNotFound, ownedBy } from "../campaigns/owned-campaign";
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
  // Prompt-major, so every chunk holds all models' jobs for the same prompts: each model starts
  // at once, and pairs form from the first images on.
  const rows = campaign.prompts.flatMap(({ promptId }) =>
    Array.from({ length: campaign.seedsPerPrompt }, (_, seed) =>
      campaign.models.map(({ modelId }) => ({ modelId, promptId, seed })),
    ).flat(),
  );
  // Planned, queued and announced a chunk at a time, so workers start on a big campaign within
  // milliseconds while the rest is still being planned.
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await sendJobs(
      await run(PLAN_JOBS, [
        campaignId,
        chunk.map(() => newId()),
        chunk.map((r) => r.modelId),
        chunk.map((r) => r.promptId),
        chunk.map((r) => r.seed),
      ]),
    );
  }
  return rows.length;
}

const CHUNK = 250;

interface QueueableJob {
  id: string;
  attempts: number;
  modelId: string;
}

/** The retry route's body: every failed job of the campaign, or the ones named. */
export const retryJobsSchema = z.object({ jobIds: z.array(z.string().min(1).max(64)).max(10_000).optional() });

/**
 * Re-queues jobs that failed for good (pg-boss spent its retries), all of a campaign the user
 * manages or the ones named: the retry button of the progress view.
 */
export async function retryFailedJobs(user: CurrentUser, campaignId: string, jobIds?: string[]): Promise<number> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    select: {
      jobs: {
        where: { status: "failed", ...(jobIds ? { id: { in: jobIds } } : {}) },
        select: { id: true, attempts: true, modelId: true },
      },
    },
  });
  if (!campaign) throw campaignNotFound();
  const failed = campaign.jobs;
  for (let i = 0; i < failed.length; i += CHUNK) await sendJobs(failed.slice(i, i + CHUNK));
  await db.generationJob.updateMany({ where: { id: { in: failed.map((j) => j.id) } }, data: { status: "pending" } });
  return failed.length;
}

async function sendJobs(jobs: QueueableJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const boss = await getBoss();
  for (const modelId of new Set(jobs.map((j) => j.modelId))) await ensureQueue(generateQueueFor(modelId));
  await boss.insert(
    jobs.map((job) => ({
      // A manual retry of a failed job needs a fresh queue entry: fold the attempt count in.
      id: stableJobUuid(`${job.id}:${job.attempts}`),
      name: generateQueueFor(job.modelId),
      data: { generationJobId: job.id } satisfies GenerateJobData,
    })),
  );
  await notifyQueues([...new Set(jobs.map((j) => generateQueueFor(j.modelId)))]);
  return jobs.length;
}
