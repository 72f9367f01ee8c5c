import "server-only";
import { db, type Model } from "../db";
import { run } from "../db/prepared";
import { CLAIM_JOBS, type ClaimedJob } from "./statements";
import { groupBy } from "../group-by";
import {
  DEFAULT_GENERATION_PARAMS,
  generationParamsSchema,
  GenerationCancelled,
  type GeneratedImage,
  type GenerationRequest,
} from "../models";
import { wantedCheck } from "./campaign-wants-images";
import type { AdapterCache } from "./adapter-cache";
import { recordImages, type RecordImageInput } from "./record-image";
import { pairRecorded } from "./on-images-recorded";

export type JobOutcome =
  | { generationJobId: string; ok: true; skipped?: boolean }
  | {
      generationJobId: string;
      ok: false;
      error: string;
      /** Stopped because the campaign was paused or completed: failed, not to be retried by the queue. */
      cancelled?: boolean;
    };

/**
 * Runs a batch of generation jobs claimed by one worker. Jobs of one model share one warm adapter
 * and, where the adapter batches, one forward pass. Each job ends in its own outcome: one bad
 * prompt never fails its neighbours; a failure is returned, not written (the worker writes it
 * with recordJobFailure once it knows whether the job is retried). A job already done (a re-delivery after its worker died
 * between finishing and acknowledging) is skipped, and recordImages is idempotent, so the image
 * count always equals the plan.
 */
export async function runGenerationJobs(
  generationJobIds: string[],
  ctx: { adapters: AdapterCache; workerId: string; maxBatch?: number },
): Promise<JobOutcome[]> {
  const claimed = await claimJobs(generationJobIds, ctx.workerId);
  const outcomes: JobOutcome[] = generationJobIds
    .filter((id) => !claimed.some((j) => j.id === id))
    .map((id) => ({ generationJobId: id, ok: true, skipped: true }));
  if (claimed.length === 0) return outcomes;
  const runnable = await Promise.all(claimed.map(async (job) => ({ ...job, model: await modelRow(job.modelId) })));

  const byModel = groupBy(runnable, (job) => job.modelId);
  const recorded: RecordImageInput[] = [];
  for (const group of byModel.values()) {
    const model = group[0].model;
    const params = generationParamsSchema.parse({
      ...DEFAULT_GENERATION_PARAMS,
      ...((model.defaultParams as object | null) ?? {}),
    });
    let adapter;
    try {
      adapter = await ctx.adapters.get(model);
    } catch (error) {
      for (const job of group) outcomes.push(failure(job.id, error));
      continue;
    }
    const checks = new Map<string, () => Promise<boolean>>();
    const stillWanted = (campaignId: string) => {
      if (!checks.has(campaignId)) checks.set(campaignId, wantedCheck(campaignId));
      return checks.get(campaignId)!;
    };
    const requests: GenerationRequest[] = group.map((job) => ({
      prompt: job.promptText,
      promptId: job.promptExternalId,
      seed: job.seed,
      width: params.width,
      height: params.height,
      params,
      stillWanted: stillWanted(job.campaignId),
    }));
    const results = await generateAll(adapter, requests, ctx.maxBatch ?? 8);
    const made: RecordImageInput[] = [];
    for (const [i, job] of group.entries()) {
      const result = results[i];
      if (result instanceof Error) {
        outcomes.push(failure(job.id, result));
        continue;
      }
      made.push({
        campaignId: job.campaignId,
        modelId: job.modelId,
        promptId: job.promptId,
        seed: job.seed,
        png: result.png,
        jobId: job.id,
        latencyMs: Math.round(result.latencyMs),
        queueMs: roundOrNull(result.queueMs),
        generationMs: roundOrNull(result.generationMs),
        size: { width: result.width, height: result.height },
        metadata: {
          ...result.metadata,
          modelVersion: result.modelVersion,
          seed: job.seed,
          steps: params.steps,
          guidance: params.guidance,
          width: result.width,
          height: result.height,
        },
      });
    }
    try {
      await recordImages(made);
      recorded.push(...made);
      for (const m of made) outcomes.push({ generationJobId: m.jobId!, ok: true });
    } catch (error) {
      for (const m of made) outcomes.push(failure(m.jobId!, error));
    }
  }
  // A failed pairing is left to the worker's periodic sweep; the images themselves are safe.
  await pairRecorded(recorded).catch(() => {});
  return outcomes;
}

/** Marks the batch's jobs running and returns those to run, in one statement (CLAIM_JOBS). */
async function claimJobs(ids: string[], workerId: string): Promise<ClaimedJob[]> {
  return run(CLAIM_JOBS, [ids, workerId]);
}

// Model rows are immutable once registered (a change is a new version, a new row): read each once.
const models = new Map<string, Promise<Model>>();
function modelRow(id: string): Promise<Model> {
  let row = models.get(id);
  if (!row) {
    row = db.model.findUniqueOrThrow({ where: { id } });
    row.catch(() => models.delete(id));
    models.set(id, row);
  }
  return row;
}

function roundOrNull(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.round(ms);
}

async function generateAll(
  adapter: {
    computesLocally: boolean;
    generate: (r: GenerationRequest) => Promise<GeneratedImage>;
    generateBatch?: (r: GenerationRequest[]) => Promise<GeneratedImage[]>;
  },
  requests: GenerationRequest[],
  maxBatch: number,
): Promise<(GeneratedImage | Error)[]> {
  // An adapter that waits on a service caps its own requests in flight (the model's
  // `concurrency`): hand it the whole claim at once, so a slow job does not hold up the others.
  if (!adapter.computesLocally && !adapter.generateBatch)
    return Promise.all(requests.map((r) => adapter.generate(r).catch(asError)));
  if (adapter.generateBatch && requests.length > 1) {
    const out: (GeneratedImage | Error)[] = [];
    for (let i = 0; i < requests.length; i += maxBatch) {
      const chunk = requests.slice(i, i + maxBatch);
      try {
        out.push(...(await adapter.generateBatch(chunk)));
      } catch {
        // A failed batch is retried one by one so only the bad request fails.
        for (const r of chunk) out.push(await adapter.generate(r).catch(asError));
      }
    }
    return out;
  }
  const out: (GeneratedImage | Error)[] = [];
  for (const r of requests) out.push(await adapter.generate(r).catch(asError));
  return out;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** A job's failed outcome; the caller records it (recordJobFailure), knowing whether pg-boss retries it. */
function failure(id: string, error: unknown): JobOutcome {
  return {
    generationJobId: id,
    ok: false,
    error: asError(error).message.slice(0, 2000),
    ...(error instanceof GenerationCancelled ? { cancelled: true } : {}),
  };
}
