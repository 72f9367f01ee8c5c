import { z } from "zod";

/**
 * The fields of diffusers' scheduler_config.json that the four supported schedulers read. Each
 * scheduler class has its own defaults for missing keys (see `withClassDefaults`), exactly as
 * `SchedulerClass.from_config` would fill them.
 */
export const schedulerConfigSchema = z.looseObject({
  _class_name: z.string().optional(),
  num_train_timesteps: z.number().int().min(1).default(1000),
  beta_start: z.number().positive().default(0.0001),
  beta_end: z.number().positive().default(0.02),
  beta_schedule: z.enum(["linear", "scaled_linear", "squaredcos_cap_v2"]).default("linear"),
  trained_betas: z.array(z.number()).nullish(),
  prediction_type: z.enum(["epsilon", "v_prediction", "sample"]).default("epsilon"),
  timestep_spacing: z.enum(["linspace", "leading", "trailing"]).optional(),
  steps_offset: z.number().int().min(0).default(0),
  // Euler
  interpolation_type: z.string().default("linear"),
  use_karras_sigmas: z.boolean().nullish(),
  use_exponential_sigmas: z.boolean().nullish(),
  use_beta_sigmas: z.boolean().nullish(),
  final_sigmas_type: z.enum(["zero", "sigma_min"]).default("zero"),
  timestep_type: z.string().default("discrete"),
  rescale_betas_zero_snr: z.boolean().nullish(),
  // DDIM and LCM
  clip_sample: z.boolean().default(true),
  clip_sample_range: z.number().positive().default(1),
  set_alpha_to_one: z.boolean().default(true),
  thresholding: z.boolean().nullish(),
  // LCM
  original_inference_steps: z.number().int().min(1).default(50),
  timestep_scaling: z.number().default(10),
});

export type SchedulerConfigInput = z.input<typeof schedulerConfigSchema>;
export type SchedulerConfig = z.output<typeof schedulerConfigSchema> & {
  timestep_spacing: "linspace" | "leading" | "trailing";
};

export const SCHEDULER_NAMES = ["euler", "euler-ancestral", "ddim", "lcm"] as const;
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];

/** diffusers class names → our scheduler names. */
export const SCHEDULER_CLASSES: Record<string, SchedulerName> = {
  EulerDiscreteScheduler: "euler",
  EulerAncestralDiscreteScheduler: "euler-ancestral",
  DDIMScheduler: "ddim",
  LCMScheduler: "lcm",
};

/** Defaults that differ per class in diffusers (every other default is shared). */
const CLASS_DEFAULTS: Record<
  SchedulerName,
  { timestep_spacing: SchedulerConfig["timestep_spacing"]; clip_sample: boolean; set_alpha_to_one: boolean }
> = {
  euler: { timestep_spacing: "linspace", clip_sample: false, set_alpha_to_one: false },
  "euler-ancestral": { timestep_spacing: "linspace", clip_sample: false, set_alpha_to_one: false },
  ddim: { timestep_spacing: "leading", clip_sample: true, set_alpha_to_one: true },
  lcm: { timestep_spacing: "leading", clip_sample: false, set_alpha_to_one: true },
};

/**
 * Parse a scheduler_config.json for scheduler `name`; `raw` keeps the file's own keys, so a key
 * absent from the file takes `name`'s default even when the file was written for another class.
 * Options we do not implement fail loudly rather than silently sampling differently.
 */
export function parseSchedulerConfig(
  name: SchedulerName,
  raw: Record<string, unknown>,
  source = "scheduler_config.json",
): SchedulerConfig {
  const parsed = schedulerConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const defaults = CLASS_DEFAULTS[name];
  const cfg = {
    ...parsed.data,
    timestep_spacing: parsed.data.timestep_spacing ?? defaults.timestep_spacing,
    clip_sample: "clip_sample" in raw ? parsed.data.clip_sample : defaults.clip_sample,
    set_alpha_to_one: "set_alpha_to_one" in raw ? parsed.data.set_alpha_to_one : defaults.set_alpha_to_one,
  };
  const unsupported = [
    cfg.use_karras_sigmas && "use_karras_sigmas",
    cfg.use_exponential_sigmas && "use_exponential_sigmas",
    cfg.use_beta_sigmas && "use_beta_sigmas",
    cfg.rescale_betas_zero_snr && "rescale_betas_zero_snr",
    cfg.thresholding && "thresholding",
    cfg.interpolation_type !== "linear" && `interpolation_type "${cfg.interpolation_type}"`,
    cfg.timestep_type !== "discrete" && `timestep_type "${cfg.timestep_type}"`,
  ].filter(Boolean);
  if (unsupported.length)
    throw new Error(`${source}: not supported by Photogenic's ${name} scheduler: ${unsupported.join(", ")}`);
  return cfg;
}
