import "server-only";
import { db } from "../db";
import { ensureQueue, generateQueueFor, getBoss, stableJobUuid } from "../queue/boss";

/**
 * After a restore from the built-in dump (which holds the app's tables, not pg-boss's queue),
 * every generation job not yet done is queued again. Re-running a job is harmless: a worker skips
 * a job already done and recording an image is idempotent per (campaign, model, prompt, seed).
 */
export async function requeueUnfinishedJobs(tag: string): Promise<number> {
  const jobs = await db.generationJob.findMany({
    where: {
      status: { in: ["pending", "running"] },
      campaign: { status: { in: ["generating", "annotating", "paused"] } },
    },
    select: { id: true, modelId: true, attempts: true },
  });
  if (jobs.length === 0) return 0;
  await db.generationJob.updateMany({ where: { id: { in: jobs.map((j) => j.id) } }, data: { status: "pending" } });
  const boss = await getBoss();
  for (const modelId of new Set(jobs.map((j) => j.modelId))) await ensureQueue(generateQueueFor(modelId));
  for (let i = 0; i < jobs.length; i += 1000) {
    await boss.insert(
      jobs.slice(i, i + 1000).map((job) => ({
        id: stableJobUuid(`${job.id}:${job.attempts}:restore:${tag}`),
        name: generateQueueFor(job.modelId),
        data: { generationJobId: job.id },
      })),
    );
  }
  return jobs.length;
}
