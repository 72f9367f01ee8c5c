import "server-only";
import { db } from "../db";
import { execute } from "../db/prepared";
import { RECORD_IMAGES } from "./statements";
import { saveImage } from "../storage/save-image";
import { newId } from "../db/new-id";

export interface RecordImageInput {
  campaignId: string;
  modelId: string;
  promptId: string;
  seed: number;
  png: Buffer;
  jobId?: string;
  latencyMs?: number;
  /** Of latencyMs, a model service's queue wait and generation time, where known. */
  queueMs?: number | null;
  generationMs?: number | null;
  metadata?: Record<string, unknown>;
  /** Known when the caller generated the image; measured otherwise. */
  size?: { width: number; height: number };
}

/**
 * Stores generated images and their rows, and marks their jobs done, in one statement per batch.
 * Idempotent per (campaign, model, prompt, seed): a job re-run after its worker died inserts
 * nothing (ON CONFLICT DO NOTHING) and the first image stays. The display copy is deferred to the
 * first view (lib/storage/display-copy.ts).
 */
export async function recordImages(inputs: RecordImageInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const saved = await Promise.all(inputs.map((input) => saveImage(input.png, { size: input.size })));
  const jobIds = inputs.flatMap((input) => (input.jobId ? [input.jobId] : []));
  const column = <T>(pick: (input: RecordImageInput, i: number) => T) => inputs.map(pick);
  await execute(RECORD_IMAGES, [
    column(() => newId()),
    column((r) => r.campaignId),
    column((r) => r.modelId),
    column((r) => r.promptId),
    column((r) => r.seed),
    column((r) => r.jobId ?? null),
    column((_, i) => saved[i].storageKey),
    column(() => null),
    column((_, i) => saved[i].sha256),
    column((_, i) => saved[i].width),
    column((_, i) => saved[i].height),
    column((r) => r.latencyMs ?? null),
    column((r) => r.queueMs ?? null),
    column((r) => r.generationMs ?? null),
    column((r) => JSON.stringify(r.metadata ?? {})),
    jobIds,
  ]);
}

/** One image (seeds, tests, imports): the same path as a worker's batch. */
export async function recordImage(input: RecordImageInput): Promise<{ imageId: string }> {
  await recordImages([input]);
  const image = await db.image.findUniqueOrThrow({
    where: {
      campaignId_modelId_promptId_seed_kind: {
        campaignId: input.campaignId,
        modelId: input.modelId,
        promptId: input.promptId,
        seed: input.seed,
        kind: "generated",
      },
    },
    select: { id: true },
  });
  return { imageId: image.id };
}
