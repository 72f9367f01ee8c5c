import { z } from "zod";
import type { AdapterLogger, ModelAdapter } from "./adapter";
import { describeZodIssues, ModelConfigError } from "./errors";
import { HttpAdapter } from "./http/adapter";
import { httpConfigSchema } from "./http/config";
import { ImportAdapter, importConfigSchema } from "./import/adapter";
import { OnnxDemoAdapter, onnxDemoConfigSchema } from "./onnx-demo/adapter";
import type { Device } from "./onnx-demo/device";
import { OnnxDiffusionAdapter } from "./onnx-diffusion/adapter";
import { onnxDiffusionConfigSchema } from "./onnx-diffusion/config";
import { generationParamsSchema, type GenerationParams } from "./params";

// The diffusers-ONNX pipeline's config lives beside its adapter; re-exported for existing importers.
export { onnxDiffusionConfigSchema };

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

export interface AdapterDeps {
  logger?: AdapterLogger;
  /** The worker's device (`--device`); overrides the config's, since devices belong to hosts. */
  device?: Device;
  /** Where onnx-demo graphs are built when the config names no folder. */
  modelsDir?: string;
  /** Randomness for HTTP retry jitter (tests). */
  random?: () => number;
}

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

function unknownKind(kind: unknown): ModelConfigError {
  return new ModelConfigError(`unknown adapter kind "${String(kind)}" (expected one of ${ADAPTER_KINDS.join(", ")})`, [{ path: "kind", message: "unknown adapter kind" }]);
}

/** Validate a model's default generation parameters; throws ModelConfigError with field paths. */
export function parseGenerationParams(params: unknown): GenerationParams {
  const parsed = generationParamsSchema.safeParse(params ?? {});
  if (!parsed.success) throw describeZodIssues("invalid generation parameters", parsed.error.issues);
  return parsed.data;
}

export function createAdapter(kind: string, config: unknown, deps: AdapterDeps = {}): ModelAdapter {
  if (!isAdapterKind(kind)) throw unknownKind(kind);
  switch (kind) {
    case "onnx-demo": {
      const cfg = parseAdapterConfig("onnx-demo", config);
      return new OnnxDemoAdapter(
        { ...cfg, device: deps.device ?? cfg.device, modelsDir: cfg.modelsDir ?? deps.modelsDir },
        deps.logger,
      );
    }
    case "http":
      return new HttpAdapter(parseAdapterConfig("http", config), { logger: deps.logger, random: deps.random });
    case "import":
      return new ImportAdapter(parseAdapterConfig("import", config));
    case "onnx-diffusion": {
      const cfg = parseAdapterConfig("onnx-diffusion", config);
      // Devices belong to hosts: the worker's --device wins over whatever was registered.
      return new OnnxDiffusionAdapter({ ...cfg, device: deps.device ?? cfg.device }, deps.logger);
    }
  }
}
