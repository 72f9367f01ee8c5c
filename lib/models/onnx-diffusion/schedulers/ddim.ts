import { parseSchedulerConfig } from "./config";
import { alphasCumprod, spacedTimesteps } from "./noise-schedule";
import { predictOriginal, type Scheduler } from "./scheduler";

/**
 * DDIMScheduler with η = 0 (the pipelines' default), init_noise_sigma 1, no input scaling:
 *   t_prev = t − ⌊T/N⌋;  ᾱ_prev = ᾱ[t_prev], or (set_alpha_to_one ? 1 : ᾱ[0]) when t_prev < 0
 *   x̂₀ and ε̂ per prediction_type (ε: ε̂ = model output; v: ε̂ = √ᾱ_t v + √(1 − ᾱ_t) x;
 *   sample: ε̂ = (x − √ᾱ_t x̂₀) / √(1 − ᾱ_t)), then x̂₀ clipped to ±clip_sample_range when clip_sample
 *   x ← √ᾱ_prev x̂₀ + √(1 − ᾱ_prev) ε̂
 */
export function createDdimScheduler(raw: Record<string, unknown>, steps: number): Scheduler {
  const cfg = parseSchedulerConfig("ddim", raw);
  const ac = alphasCumprod(cfg);
  const finalAlpha = cfg.set_alpha_to_one ? 1 : ac[0];
  const timesteps = spacedTimesteps(cfg, steps, true);
  const stride = Math.floor(cfg.num_train_timesteps / steps);
  return {
    name: "ddim",
    timesteps,
    initNoiseSigma: 1,
    scaleModelInput: (sample) => sample,
    step(modelOutput, i, sample) {
      const t = timesteps[i];
      const prev = t - stride;
      const a = ac[t];
      const aPrev = prev >= 0 ? ac[prev] : finalAlpha;
      const range = cfg.clip_sample_range;
      const out = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        const x0Raw = predictOriginal(cfg.prediction_type, modelOutput[k], sample[k], a);
        // ε̂ comes before clipping, as in diffusers.
        const eps =
          cfg.prediction_type === "epsilon"
            ? modelOutput[k]
            : cfg.prediction_type === "v_prediction"
              ? Math.sqrt(a) * modelOutput[k] + Math.sqrt(1 - a) * sample[k]
              : (sample[k] - Math.sqrt(a) * x0Raw) / Math.sqrt(1 - a);
        const x0 = cfg.clip_sample ? Math.min(range, Math.max(-range, x0Raw)) : x0Raw;
        out[k] = Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * eps;
      }
      return out;
    },
  };
}
