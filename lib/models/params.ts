import { z } from "zod";

/** Largest side any adapter is asked to produce; bigger requests are almost always typos. */
export const MAX_IMAGE_SIDE = 1024;

/**
 * Image sides must be multiples of 8: latent-diffusion VAEs downsample by 8, and keeping the
 * same rule for every adapter means a campaign can switch models without changing sizes.
 */
export const imageSideSchema = z
  .number()
  .int()
  .min(8)
  .max(MAX_IMAGE_SIDE)
  .refine((n) => n % 8 === 0, { message: "must be a multiple of 8" });

/** Default generation parameters stored with a registered model; a campaign may override them. */
export const generationParamsSchema = z.object({
  steps: z.number().int().min(1).max(1000).default(30),
  guidance: z.number().min(0).max(50).default(7.5),
  width: imageSideSchema.default(256),
  height: imageSideSchema.default(256),
  negativePrompt: z.string().max(2000).default(""),
});

export type GenerationParams = z.infer<typeof generationParamsSchema>;

export const DEFAULT_GENERATION_PARAMS: GenerationParams = generationParamsSchema.parse({});
