import { parseSchedulerConfig } from "./config";
import { eulerOriginal, eulerSigmas, scaleBySigma } from "./euler";
import type { Scheduler } from "./scheduler";

/**
 * EulerAncestralDiscreteScheduler: a deterministic step down to σ_down, then fresh noise σ_up:
 *   σ_up = √(σ_{i+1}² (σ_i² − σ_{i+1}²) / σ_i²);  σ_down = √(σ_{i+1}² − σ_up²)
 *   x̂₀ = x − σ_i ε;  d = (x − x̂₀) / σ_i;  x ← x + d (σ_down − σ_i) + z σ_up,  z ~ N(0, I)
 */
export function createEulerAncestralScheduler(raw: Record<string, unknown>, steps: number): Scheduler {
  const cfg = parseSchedulerConfig("euler-ancestral", raw);
  const { timesteps, sigmas, initNoiseSigma } = eulerSigmas(cfg, steps);
  return {
    name: "euler-ancestral",
    timesteps,
    initNoiseSigma,
    scaleModelInput: (sample, i) => scaleBySigma(sample, sigmas[i]),
    step(modelOutput, i, sample, noise) {
      const from = sigmas[i];
      const to = sigmas[i + 1];
      const up = Math.sqrt((to * to * (from * from - to * to)) / (from * from));
      const down = Math.sqrt(to * to - up * up);
      const z = noise(sample.length);
      const out = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        const x0 = eulerOriginal(cfg.prediction_type, modelOutput[k], sample[k], from);
        out[k] = sample[k] + ((sample[k] - x0) / from) * (down - from) + z[k] * up;
      }
      return out;
    },
  };
}
