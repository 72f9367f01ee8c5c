import { z } from "zod";
import { folderInRoot } from "../folder-roots";
import { deviceSchema, intraOpNumThreadsSchema } from "../onnx/device";
import { DEMO_VARIANTS } from "./variants";

// Config only (no onnxruntime import), so the web app can validate registrations cheaply.
export const onnxDemoConfigSchema = z
  .object({
    variant: z.enum(DEMO_VARIANTS).describe("Which built-in demo generator (smooth or noisy images, made locally)"),
    device: deviceSchema,
    modelsDir: folderInRoot("MODELS_ROOT")
      .optional()
      .describe("Where the built graphs live, inside MODELS_ROOT; empty: the worker's (<cwd>/.data/models)"),
    maxBatchSize: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(8)
      .describe("Images per session.run; larger batches amortise per-call overhead"),
    intraOpNumThreads: intraOpNumThreadsSchema,
    // Off by default: a worker does storage and database work between batches, and spinning
    // threads would burn the cores that work needs.
    allowSpinning: z.boolean().default(false).describe("Let onnxruntime's CPU threads spin between runs"),
  })
  .describe("A built-in demo model: tiny ONNX graphs built and run locally, for trying the product");
export type OnnxDemoConfig = z.infer<typeof onnxDemoConfigSchema>;
