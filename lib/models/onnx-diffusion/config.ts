import { z } from "zod";
import { folderInRoot } from "../folder-roots";
import { deviceSchema } from "../onnx/device";
import { SCHEDULER_CLASSES, SCHEDULER_NAMES } from "./schedulers/config";

const SCHEDULER_CHOICES = [...SCHEDULER_NAMES, ...Object.keys(SCHEDULER_CLASSES)] as [string, ...string[]];

/** Config of a registered diffusers-ONNX model (`kind: "onnx-diffusion"`). */
export const onnxDiffusionConfigSchema = z.object({
  /** Folder (inside MODELS_ROOT) with model_index.json, text_encoder/, unet/, vae_decoder/, tokenizer/, scheduler/ (SDXL: also *_2/). */
  modelDir: folderInRoot("MODELS_ROOT"),
  device: deviceSchema,
  /** Overrides scheduler_config.json's class: euler, euler-ancestral, ddim, lcm (or the diffusers class name). */
  scheduler: z.enum(SCHEDULER_CHOICES).optional(),
  /** Images per UNet run (×2 with guidance). Diffusion is compute-bound, so 1 is the safe default on CPU. */
  maxBatchSize: z.number().int().min(1).max(16).default(1),
  /** 0 lets onnxruntime pick (one thread per physical core). */
  intraOpNumThreads: z.number().int().min(0).max(256).default(0),
});

export type OnnxDiffusionConfig = z.infer<typeof onnxDiffusionConfigSchema>;
