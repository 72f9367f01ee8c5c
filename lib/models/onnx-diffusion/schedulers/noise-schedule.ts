import type { SchedulerConfig } from "./config";

/**
 * ᾱ_t (alphas_cumprod) for t = 0 … T−1, per diffusers:
 *   linear:            β = linspace(β_start, β_end, T)
 *   scaled_linear:     β = linspace(√β_start, √β_end, T)²          (Stable Diffusion)
 *   squaredcos_cap_v2: β_i = min(1 − ā((i+1)/T) / ā(i/T), 0.999),  ā(t) = cos((t + 0.008)/1.008 · π/2)²
 *   ᾱ_t = Π_{s≤t} (1 − β_s)
 * Computed in float64; diffusers uses float32, which differs in the 6th–7th significant digit.
 */
export function alphasCumprod(cfg: SchedulerConfig): Float64Array {
  const T = cfg.num_train_timesteps;
  const betas = new Float64Array(T);
  if (cfg.trained_betas && cfg.trained_betas.length) {
    if (cfg.trained_betas.length !== T)
      throw new Error(
        `scheduler config: trained_betas has ${cfg.trained_betas.length} values, num_train_timesteps is ${T}`,
      );
    betas.set(cfg.trained_betas);
  } else if (cfg.beta_schedule === "linear") {
    for (let i = 0; i < T; i++) betas[i] = linspaceAt(cfg.beta_start, cfg.beta_end, T, i);
  } else if (cfg.beta_schedule === "scaled_linear") {
    for (let i = 0; i < T; i++) betas[i] = linspaceAt(Math.sqrt(cfg.beta_start), Math.sqrt(cfg.beta_end), T, i) ** 2;
  } else {
    const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (let i = 0; i < T; i++) betas[i] = Math.min(1 - alphaBar((i + 1) / T) / alphaBar(i / T), 0.999);
  }
  const out = new Float64Array(T);
  let prod = 1;
  for (let i = 0; i < T; i++) {
    prod *= 1 - betas[i];
    out[i] = prod;
  }
  return out;
}

/** numpy/torch linspace(start, stop, n)[i] (endpoint included). */
export function linspaceAt(start: number, stop: number, n: number, i: number): number {
  return n === 1 ? start : start + ((stop - start) * i) / (n - 1);
}

/** numpy's round-half-to-even, which `np.round` and `.round()` use. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Inference timesteps, high to low, for `timestep_spacing` (diffusers' set_timesteps):
 *   linspace: linspace(0, T−1, N) reversed (float; DDIM rounds it)
 *   leading:  (arange(N) · ⌊T/N⌋) reversed + steps_offset
 *   trailing: round(arange(T, 0, −T/N)) − 1
 */
export function spacedTimesteps(cfg: SchedulerConfig, steps: number, roundLinspace: boolean): number[] {
  const T = cfg.num_train_timesteps;
  if (steps < 1 || steps > T) throw new Error(`steps must be between 1 and num_train_timesteps (${T}), got ${steps}`);
  const out: number[] = [];
  if (cfg.timestep_spacing === "linspace") {
    for (let i = steps - 1; i >= 0; i--) {
      const t = linspaceAt(0, T - 1, steps, i);
      out.push(roundLinspace ? roundHalfEven(t) : t);
    }
  } else if (cfg.timestep_spacing === "leading") {
    const ratio = Math.floor(T / steps);
    for (let i = steps - 1; i >= 0; i--) out.push(i * ratio + cfg.steps_offset);
  } else {
    // numpy's arange computes start + i·step (not a running sum), so do the same.
    const ratio = T / steps;
    for (let i = 0; i < steps; i++) out.push(roundHalfEven(T - i * ratio) - 1);
  }
  return out;
}
