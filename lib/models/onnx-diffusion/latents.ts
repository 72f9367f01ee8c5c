import { fillGaussian, seededRandom } from "../onnx/prng";
import type { NoiseSource } from "./schedulers/scheduler";

/**
 * Seeded Gaussian noise. Each image has two streams keyed by its seed: one for the initial
 * latents and one for the fresh noise ancestral / LCM steps draw, so an image depends only on
 * (model, prompt, seed, parameters) — never on its neighbours in a batch. The generator is
 * sfc32 seeded through FNV-1a and MurmurHash3's finaliser (onnx/prng.ts), turned into
 * N(0, 1) by Box–Muller (u ∈ (0, 1], v ∈ [0, 1): r = √(−2 ln u), samples r·cos 2πv, r·sin 2πv).
 * The numbers differ from torch.randn with the same seed: seeds are comparable within
 * Photogenic, not with images made in diffusers.
 */
export function initialLatents(seed: number, length: number, sigma: number): Float32Array {
  return fillGaussian(new Float32Array(length), seededRandom("photogenic/onnx-diffusion/latents", seed), sigma);
}

export function stepNoise(seed: number): NoiseSource {
  const rand = seededRandom("photogenic/onnx-diffusion/step-noise", seed);
  return (length) => fillGaussian(new Float32Array(length), rand);
}

/**
 * LCM-distilled UNets take the guidance scale as an embedding (`timestep_cond`), per diffusers'
 * get_guidance_scale_embedding: w' = 1000 w, f_k = exp(−k ln(10⁴)/(d/2 − 1)), [sin(w' f), cos(w' f)].
 */
export function guidanceEmbedding(w: number, dim: number): Float32Array {
  const half = Math.floor(dim / 2);
  const out = new Float32Array(dim);
  const scale = half > 1 ? Math.log(10000) / (half - 1) : 0;
  for (let k = 0; k < half; k++) {
    const arg = w * 1000 * Math.exp(-k * scale);
    out[k] = Math.sin(arg);
    out[half + k] = Math.cos(arg);
  }
  return out;
}
