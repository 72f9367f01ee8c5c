import "server-only";
import { db } from "../db";
import { saveImage } from "../storage/save-image";

export interface RecordImageInput {
  campaignId: string;
  modelId: string;
  promptId: string;
  seed: number;
  png: Buffer;
  jobId?: string;
  latencyMs?: number;
  metadata?: Record<string, unknown>;
}

/**
 * Stores generated images and their rows, and marks their jobs done, in one transaction per batch.
 * Idempotent per (campaign, model, prompt, seed): a job re-run after its worker died inserts
 * nothing (ON CONFLICT DO NOTHING) and the first image stays. The display copy is deferred to the
 * first view (lib/storage/display-copy.ts).
 */
export async function recordImages(inputs: RecordImageInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const saved = await Promise.all(inputs.map((input) => saveImage(input.png, { display: "later" })));
  const jobIds = inputs.flatMap((input) => (input.jobId ? [input.jobId] : []));
  await db.$transaction([
    db.image.createMany({
      skipDuplicates: true,
      data: inputs.map((input, i) => ({
        campaignId: input.campaignId,
        modelId: input.modelId,
        promptId: input.promptId,
        seed: input.seed,
        jobId: input.jobId,
        storageKey: saved[i].storageKey,
        displayKey: saved[i].displayKey,
        sha256: saved[i].sha256,
        width: saved[i].width,
        height: saved[i].height,
        latencyMs: input.latencyMs,
        metadata: (input.metadata ?? {}) as object,
      })),
    }),
    db.generationJob.updateMany({ where: { id: { in: jobIds } }, data: { status: "done", finishedAt: new Date(), lastError: null } }),
  ]);
}

/** One image (seeds, tests, imports): the same path as a worker's batch. */
export async function recordImage(input: RecordImageInput): Promise<{ imageId: string }> {
  await recordImages([input]);
  const image = await db.image.findUniqueOrThrow({
    where: { campaignId_modelId_promptId_seed_kind: { campaignId: input.campaignId, modelId: input.modelId, promptId: input.promptId, seed: input.seed, kind: "generated" } },
    select: { id: true },
  });
  return { imageId: image.id };
}
