import "server-only";
import { z } from "zod";
import { db } from "../db";
import { AppError, parseOrThrow } from "../errors";
import { ADAPTER_KINDS, parseAdapterConfig, parseGenerationParams } from "../models/config";
import { ModelConfigError } from "../models/errors";
import { dbKindOf } from "../generation/adapter-kind";

export const registerModelSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.\-/ ]+$/, "letters, digits, space, . _ - /"),
  version: z.string().trim().min(1).max(50).default("1"),
  kind: z.enum(ADAPTER_KINDS as [string, ...string[]]),
  config: z.record(z.string(), z.unknown()),
  defaultParams: z.record(z.string(), z.unknown()).optional(),
});

export type RegisterModelInput = z.input<typeof registerModelSchema>;

// Config fields that are secrets: kept in Model.secrets, which no view serialises.
export const SECRET_FIELDS: readonly string[] = ["apiKey"];

/**
 * Registers a candidate model: the config is validated by its adapter kind's schema (every bad
 * field named), secrets are split off into a column no view reads, and (name, version) is unique.
 */
export async function registerModel(userId: string | null, input: unknown): Promise<{ id: string }> {
  const spec = parseOrThrow(registerModelSchema, input, "model");
  try {
    parseAdapterConfig(spec.kind as never, spec.config);
    if (spec.defaultParams) parseGenerationParams(spec.defaultParams);
  } catch (error) {
    if (error instanceof ModelConfigError) {
      throw new AppError(
        "VALIDATION",
        error.message,
        error.issues.map((i) => ({ field: `config.${i.path}`, message: i.message })),
      );
    }
    throw error;
  }
  const config = { ...spec.config };
  const secrets: Record<string, unknown> = {};
  for (const field of SECRET_FIELDS) {
    if (field in config) {
      secrets[field] = config[field];
      delete config[field];
    }
  }
  const existing = await db.model.findUnique({
    where: { name_version: { name: spec.name, version: spec.version } },
    select: { id: true },
  });
  if (existing)
    throw new AppError("CONFLICT", `Model ${spec.name} version ${spec.version} already exists`, [
      { field: "version", message: "already registered" },
    ]);
  const model = await db.model.create({
    data: {
      name: spec.name,
      version: spec.version,
      adapterKind: dbKindOf(spec.kind as never),
      config: config as object,
      secrets: Object.keys(secrets).length ? (secrets as object) : undefined,
      defaultParams: spec.defaultParams as object | undefined,
      createdById: userId,
    },
  });
  return { id: model.id };
}
