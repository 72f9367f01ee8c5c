import { parseSchedulerConfig } from "./config";
import { alphasCumprod } from "./noise-schedule";
import { predictOriginal, type Scheduler } from "./scheduler";

/**
 * LCMScheduler (latent consistency models; guidance is distilled in, so pipelines run it without
 * classifier-free guidance). Timesteps: the "origin" schedule k·i − 1 for i = 1…S (S =
 * original_inference_steps, k = ⌊T/S⌋), reversed, sampled at ⌊linspace(0, S, N, endpoint=False)⌋.
 * Step, with c = timestep · timestep_scaling and σ_data = 0.5:
 *   c_skip = σ_data² / (c² + σ_data²);  c_out = c / √(c² + σ_data²)
 *   x̂₀ per prediction_type;  denoised = c_out x̂₀ + c_skip x
 *   x ← √ᾱ_prev denoised + √(1 − ᾱ_prev) z  (z ~ N(0, I)), except at the last step: x ← denoised
 * where ᾱ_prev belongs to the next timestep (or final ᾱ when there is none).
 */
export function createLcmScheduler(raw: Record<string, unknown>, steps: number): Scheduler {
  const cfg = parseSchedulerConfig("lcm", raw);
  const ac = alphasCumprod(cfg);
  const finalAlpha = cfg.set_alpha_to_one ? 1 : ac[0];
  const original = cfg.original_inference_steps;
  if (steps > original) throw new Error(`lcm: steps (${steps}) cannot exceed original_inference_steps (${original})`);
  const k = Math.floor(cfg.num_train_timesteps / original);
  const origin: number[] = [];
  for (let i = original; i >= 1; i--) origin.push(i * k - 1);
  const timesteps = Array.from({ length: steps }, (_, i) => origin[Math.floor((i * original) / steps)]);
  return {
    name: "lcm",
    timesteps,
    initNoiseSigma: 1,
    scaleModelInput: (sample) => sample,
    step(modelOutput, i, sample, noise) {
      const t = timesteps[i];
      const last = i === timesteps.length - 1;
      const prev = last ? t : timesteps[i + 1];
      const a = ac[t];
      const aPrev = prev >= 0 ? ac[prev] : finalAlpha;
      const c = t * cfg.timestep_scaling;
      const cSkip = 0.25 / (c * c + 0.25);
      const cOut = c / Math.sqrt(c * c + 0.25);
      const z = last ? undefined : noise(sample.length);
      const out = new Float32Array(sample.length);
      for (let j = 0; j < sample.length; j++) {
        let x0 = predictOriginal(cfg.prediction_type, modelOutput[j], sample[j], a);
        if (cfg.clip_sample) x0 = Math.min(cfg.clip_sample_range, Math.max(-cfg.clip_sample_range, x0));
        const denoised = cOut * x0 + cSkip * sample[j];
        out[j] = z ? Math.sqrt(aPrev) * denoised + Math.sqrt(1 - aPrev) * z[j] : denoised;
      }
      return out;
    },
  };
}
