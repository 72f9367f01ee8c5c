// Public surface of the model adapters; workers, the CLI and the registry UI import from here.
export type { AdapterLogger, GeneratedImage, GenerationRequest, ModelAdapter } from "./adapter";
export { GenerationCancelled, GenerationError, ModelConfigError } from "./errors";
export {
  DEFAULT_GENERATION_PARAMS,
  generationParamsSchema,
  imageSideSchema,
  MAX_IMAGE_SIDE,
  type GenerationParams,
} from "./params";
export { redactConfig, redactUrl, REDACTED } from "./redact";
export {
  ADAPTER_CONFIG_SCHEMAS,
  ADAPTER_KINDS,
  createAdapter,
  isAdapterKind,
  parseAdapterConfig,
  parseGenerationParams,
  type AdapterConfig,
  type AdapterConfigInput,
  type AdapterDeps,
  type AdapterKind,
} from "./registry";
export { DEMO_VARIANTS, type DemoVariant } from "./onnx-demo/variants";
export { ensureDemoModel, defaultModelsDir } from "./onnx-demo/build";
export {
  planImport,
  type ImportReport,
  type ImportedImage,
  type ImportProblem,
  type PlanImportOptions,
} from "./import/plan";
export type { CampaignPrompt } from "./import/prompt-match";
