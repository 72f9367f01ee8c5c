import { z } from "zod";
import { folderInRoot } from "../folder-roots";
import { deviceSchema } from "../onnx/device";
import { DEMO_VARIANTS } from "./variants";

// Config only (no onnxruntime import), so the web app can validate registrations cheaply.
export const onnxDemoConfigSchema = z.object({
  variant: z.enum(DEMO_VARIANTS),
  device: deviceSchema,
  /** Where built graphs live, inside MODELS_ROOT; defaults to the worker's (`<cwd>/.data/models`). */
  modelsDir: folderInRoot("MODELS_ROOT").optional(),
  /** Images per session.run; larger batches amortise per-call overhead. */
  maxBatchSize: z.number().int().min(1).max(64).default(8),
  /** 0 lets onnxruntime pick (one thread per physical core). */
  intraOpNumThreads: z.number().int().min(0).max(256).default(0),
  /**
   * Let onnxruntime's CPU threads spin between runs. Off by default: a worker does storage and
   * database work between batches, and spinning threads would burn the cores that work needs.
   */
  allowSpinning: z.boolean().default(false),
});
export type OnnxDemoConfig = z.infer<typeof onnxDemoConfigSchema>;
