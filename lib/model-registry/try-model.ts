import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { createAdapter, DEFAULT_GENERATION_PARAMS, generationParamsSchema } from "../models";
import { adapterKindOf } from "../generation/adapter-kind";

export const TRY_MODEL_PROMPT = "a red bicycle leaning against a brick wall, morning light";

export interface ModelTrial {
  model: string;
  version: string;
  kind: string;
  width: number;
  height: number;
  /** PNG size as stored. */
  bytes: number;
  /** Wall-clock milliseconds, and the service's queue wait and generation where it reports them. */
  latencyMs: number;
  queueMs: number | null;
  generationMs: number | null;
  modelVersion: string;
}

/**
 * Generates one image with a registered model (id, or name for its newest version) through its
 * adapter, with the model's default parameters, and throws the adapter's error as it would be
 * recorded for a job: what a researcher checks before a campaign depends on the model.
 * Nothing is stored.
 */
export async function tryModel(idOrName: string, prompt = TRY_MODEL_PROMPT, seed = 0): Promise<ModelTrial> {
  const row =
    (await db.model.findUnique({ where: { id: idOrName } })) ??
    (await db.model.findFirst({ where: { name: idOrName }, orderBy: { createdAt: "desc" } }));
  if (!row) throw new AppError("NOT_FOUND", `Model ${idOrName} not found`);
  const params = generationParamsSchema.parse({
    ...DEFAULT_GENERATION_PARAMS,
    ...((row.defaultParams as object) ?? {}),
  });
  const config =
    row.secrets && typeof row.secrets === "object"
      ? { ...(row.config as object), ...(row.secrets as object) }
      : row.config;
  const adapter = createAdapter(adapterKindOf(row.adapterKind), config);
  try {
    await adapter.load();
    const image = await adapter.generate({ prompt, seed, width: params.width, height: params.height, params });
    return {
      model: row.name,
      version: row.version,
      kind: adapter.kind,
      width: image.width,
      height: image.height,
      bytes: image.png.length,
      latencyMs: Math.round(image.latencyMs),
      queueMs: image.queueMs ?? null,
      generationMs: image.generationMs ?? null,
      modelVersion: image.modelVersion,
    };
  } finally {
    await adapter.dispose();
  }
}
