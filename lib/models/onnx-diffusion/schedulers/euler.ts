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
 * EulerDiscreteScheduler (s_churn = 0, the pipelines' default) and EulerAncestralDiscreteScheduler
 * take the same step, from σ_i down to σ_down, then add fresh noise σ_up:
 *   x̂₀ = x − σ_i ε;  d = (x − x̂₀) / σ_i;  x ← x + d (σ_down − σ_i) + z σ_up,  z ~ N(0, I)
 * Euler: σ_down = σ_{i+1}, σ_up = 0 (no noise is drawn). Ancestral:
 *   σ_up = √(σ_{i+1}² (σ_i² − σ_{i+1}²) / σ_i²);  σ_down = √(σ_{i+1}² − σ_up²)
 */
function eulerScheduler(name: "euler" | "euler-ancestral", raw: Record<string, unknown>, steps: number): Scheduler {
  const cfg = parseSchedulerConfig(name, raw);
  const { timesteps, sigmas, initNoiseSigma } = eulerSigmas(cfg, steps);
  const ancestral = name === "euler-ancestral";
  return {
    name,
    timesteps,
    initNoiseSigma,
    scaleModelInput: (sample, i) => scaleBySigma(sample, sigmas[i]),
    step(modelOutput, i, sample, noise: NoiseSource) {
      const from = sigmas[i];
      const to = sigmas[i + 1];
      const up = ancestral ? Math.sqrt((to * to * (from * from - to * to)) / (from * from)) : 0;
      const down = ancestral ? Math.sqrt(to * to - up * up) : to;
      const z = ancestral ? noise(sample.length) : null;
      const out = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        const x0 = eulerOriginal(cfg.prediction_type, modelOutput[k], sample[k], from);
        out[k] = sample[k] + ((sample[k] - x0) / from) * (down - from) + (z ? z[k] * up : 0);
      }
      return out;
    },
  };
}

export const createEulerScheduler = (raw: Record<string, unknown>, steps: number) =>
  eulerScheduler("euler", raw, steps);

export const createEulerAncestralScheduler = (raw: Record<string, unknown>, steps: number) =>
  eulerScheduler("euler-ancestral", raw, steps);
