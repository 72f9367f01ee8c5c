import "server-only";
import { db } from "../db";

/**
 * The one place a generation job's failure is written: its error and when it ended, and its
 * status — `failed` for good when pg-boss will not retry it (the campaign page then shows it with
 * a retry button, lib/generation/enqueue-campaign-jobs.ts), else `pending` until the retry runs.
 */
export async function recordJobFailure(id: string, error: string, options: { final: boolean }): Promise<void> {
  await db.generationJob.update({
    where: { id },
    data: { status: options.final ? "failed" : "pending", lastError: error, finishedAt: new Date() },
  });
}
