import { parseSchedulerConfig, type SchedulerConfig } from "./config";
import { alphasCumprod, spacedTimesteps } from "./noise-schedule";
import type { NoiseSource, Scheduler } from "./scheduler";

/**
 * Karras-σ schedule shared by EulerDiscreteScheduler and EulerAncestralDiscreteScheduler:
 *   σ_t = √((1 − ᾱ_t) / ᾱ_t) for every training t; inference σ's are σ interpolated linearly
 *   (np.interp) at the inference timesteps, followed by a final σ (0, or σ_min).
 *   init_noise_sigma = σ_max for linspace/trailing spacing, √(σ_max² + 1) for leading.
 */
export function eulerSigmas(
  cfg: SchedulerConfig,
  steps: number,
): { timesteps: number[]; sigmas: number[]; initNoiseSigma: number } {
  const ac = alphasCumprod(cfg);
  const trainSigmas = Array.from(ac, (a) => Math.sqrt((1 - a) / a));
  const timesteps = spacedTimesteps(cfg, steps, false);
  const sigmas = timesteps.map((t) => interp(t, trainSigmas));
  sigmas.push(cfg.final_sigmas_type === "sigma_min" ? trainSigmas[0] : 0);
  const maxSigma = Math.max(...sigmas);
  const initNoiseSigma = cfg.timestep_spacing === "leading" ? Math.sqrt(maxSigma ** 2 + 1) : maxSigma;
  return { timesteps, sigmas, initNoiseSigma };
}

/** np.interp(t, arange(len(ys)), ys), clamped at the ends. */
function interp(t: number, ys: number[]): number {
  if (t <= 0) return ys[0];
  if (t >= ys.length - 1) return ys[ys.length - 1];
  const lo = Math.floor(t);
  return ys[lo] + (ys[lo + 1] - ys[lo]) * (t - lo);
}

/** x̂₀ from the model output at noise level σ (Euler's parameterisation). */
export function eulerOriginal(predictionType: string, modelOutput: number, sample: number, sigma: number): number {
  if (predictionType === "epsilon") return sample - sigma * modelOutput;
  if (predictionType === "v_prediction")
    return modelOutput * (-sigma / Math.sqrt(sigma * sigma + 1)) + sample / (sigma * sigma + 1);
  return modelOutput;
}

export function scaleBySigma(sample: Float32Array, sigma: number): Float32Array {
  const k = 1 / Math.sqrt(sigma * sigma + 1);
  return sample.map((v) => v * k);
}

/**
 * EulerDiscreteScheduler (s_churn = 0, the pipelines' default):
 *   x̂₀ = x − σ_i ε;  d = (x − x̂₀) / σ_i;  x ← x + d (σ_{i+1} − σ_i)
 */
export function createEulerScheduler(raw: Record<string, unknown>, steps: number): Scheduler {
  const cfg = parseSchedulerConfig("euler", raw);
  const { timesteps, sigmas, initNoiseSigma } = eulerSigmas(cfg, steps);
  return {
    name: "euler",
    timesteps,
    initNoiseSigma,
    scaleModelInput: (sample, i) => scaleBySigma(sample, sigmas[i]),
    step(modelOutput, i, sample, _noise: NoiseSource) {
      const sigma = sigmas[i];
      const dt = sigmas[i + 1] - sigma;
      const out = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        const x0 = eulerOriginal(cfg.prediction_type, modelOutput[k], sample[k], sigma);
        out[k] = sample[k] + ((sample[k] - x0) / sigma) * dt;
      }
      return out;
    },
  };
}
