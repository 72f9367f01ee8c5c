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
 * Stores a generated image and its row. Idempotent per (campaign, model, prompt, seed): a job
 * re-run after its worker died finds the row and keeps the first image.
 */
export async function recordImage(input: RecordImageInput): Promise<{ imageId: string; created: boolean }> {
  const saved = await saveImage(input.png);
  const where = {
    campaignId_modelId_promptId_seed_kind: {
      campaignId: input.campaignId,
      modelId: input.modelId,
      promptId: input.promptId,
      seed: input.seed,
      kind: "generated" as const,
    },
  };
  const existing = await db.image.findUnique({ where, select: { id: true } });
  if (existing) return { imageId: existing.id, created: false };
  try {
    const image = await db.image.create({
      data: {
        campaignId: input.campaignId,
        modelId: input.modelId,
        promptId: input.promptId,
        seed: input.seed,
        jobId: input.jobId,
        storageKey: saved.storageKey,
        displayKey: saved.displayKey,
        sha256: saved.sha256,
        width: saved.width,
        height: saved.height,
        latencyMs: input.latencyMs,
        metadata: (input.metadata ?? {}) as object,
      },
    });
    return { imageId: image.id, created: true };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    const raced = await db.image.findUniqueOrThrow({ where, select: { id: true } });
    return { imageId: raced.id, created: false };
  }
}
