import { z } from "zod";
import { folderInRoot } from "../folder-roots";
import { deviceSchema, intraOpNumThreadsSchema } from "../onnx/device";
import { SCHEDULER_CLASSES, SCHEDULER_NAMES } from "./schedulers/config";

const SCHEDULER_CHOICES = [...SCHEDULER_NAMES, ...Object.keys(SCHEDULER_CLASSES)] as [string, ...string[]];

/** Config of a registered diffusers-ONNX model (`kind: "onnx-diffusion"`). */
export const onnxDiffusionConfigSchema = z
  .object({
    modelDir: folderInRoot("MODELS_ROOT").describe(
      "Folder inside MODELS_ROOT with model_index.json, text_encoder/, unet/, vae_decoder/, tokenizer/, scheduler/ (SDXL: also *_2/)",
    ),
    device: deviceSchema,
    scheduler: z
      .enum(SCHEDULER_CHOICES)
      .optional()
      .describe("Overrides scheduler_config.json's class (empty: the model's own)"),
    maxBatchSize: z
      .number()
      .int()
      .min(1)
      .max(16)
      .default(1)
      .describe("Images per UNet run (×2 with guidance); diffusion is compute-bound, so 1 is safe on CPU"),
    intraOpNumThreads: intraOpNumThreadsSchema,
  })
  .describe("A diffusers pipeline exported to ONNX (Stable Diffusion 1.x/2.x, SDXL, Turbo, LCM), run by the workers");

export type OnnxDiffusionConfig = z.infer<typeof onnxDiffusionConfigSchema>;
