import { z } from "zod";
import { describeZodIssues, ModelConfigError } from "./errors";
import { httpConfigSchema } from "./http/config";
import { importConfigSchema } from "./import/config";
import { onnxDemoConfigSchema } from "./onnx-demo/config";
import { onnxDiffusionConfigSchema } from "./onnx-diffusion/config";
import { generationParamsSchema, type GenerationParams } from "./params";

// The diffusers-ONNX pipeline's config lives beside its adapter; re-exported for existing importers.
export { onnxDiffusionConfigSchema };

/**
 * Adapter kinds and their config schemas, without the adapters themselves: the web app validates
 * registrations with this and never loads onnxruntime or a pipeline.
 */
export const ADAPTER_CONFIG_SCHEMAS = {
  "onnx-demo": onnxDemoConfigSchema,
  http: httpConfigSchema,
  import: importConfigSchema,
  "onnx-diffusion": onnxDiffusionConfigSchema,
} as const;

export type AdapterKind = keyof typeof ADAPTER_CONFIG_SCHEMAS;
export const ADAPTER_KINDS = Object.keys(ADAPTER_CONFIG_SCHEMAS) as AdapterKind[];
/** Config as stored in the registry (defaults not yet applied). */
export type AdapterConfigInput<K extends AdapterKind> = z.input<(typeof ADAPTER_CONFIG_SCHEMAS)[K]>;
export type AdapterConfig<K extends AdapterKind> = z.output<(typeof ADAPTER_CONFIG_SCHEMAS)[K]>;

export function isAdapterKind(kind: string): kind is AdapterKind {
  return Object.hasOwn(ADAPTER_CONFIG_SCHEMAS, kind);
}

/** Validate a stored config; throws ModelConfigError naming every bad field path. */
export function parseAdapterConfig<K extends AdapterKind>(kind: K, config: unknown): AdapterConfig<K> {
  if (!isAdapterKind(kind)) throw unknownKind(kind);
  const parsed = ADAPTER_CONFIG_SCHEMAS[kind].safeParse(config);
  if (!parsed.success) throw describeZodIssues(`invalid ${kind} model config`, parsed.error.issues);
  return parsed.data as AdapterConfig<K>;
}

export function unknownKind(kind: unknown): ModelConfigError {
  return new ModelConfigError(`unknown adapter kind "${String(kind)}" (expected one of ${ADAPTER_KINDS.join(", ")})`, [
    { path: "kind", message: "unknown adapter kind" },
  ]);
}

/** Validate a model's default generation parameters; throws ModelConfigError with field paths. */
export function parseGenerationParams(params: unknown): GenerationParams {
  const parsed = generationParamsSchema.safeParse(params ?? {});
  if (!parsed.success) throw describeZodIssues("invalid generation parameters", parsed.error.issues);
  return parsed.data;
}
