import type { SchedulerName } from "./config";

/** Standard-normal samples for one image's latents (ancestral and LCM steps add fresh noise). */
export type NoiseSource = (length: number) => Float32Array;

/**
 * One sampling run's schedule: built for a step count, then asked for each step in order. All
 * methods work on one image's latents, so a batch can give each image its own noise stream.
 */
export interface Scheduler {
  readonly name: SchedulerName;
  /** Timesteps fed to the UNet, one per step, high to low (Euler "linspace" gives fractions). */
  readonly timesteps: readonly number[];
  /** Scale of the initial Gaussian latents. */
  readonly initNoiseSigma: number;
  /** Input scaling before the UNet (Euler: x / √(σ² + 1); DDIM, LCM: identity). */
  scaleModelInput(sample: Float32Array, stepIndex: number): Float32Array;
  /** x_t → x_{t−1} from the (guided) model output. */
  step(modelOutput: Float32Array, stepIndex: number, sample: Float32Array, noise: NoiseSource): Float32Array;
}

/** The model's prediction turned into x̂₀, for schedulers parameterised by ᾱ_t (DDIM, LCM). */
export function predictOriginal(
  predictionType: string,
  modelOutput: number,
  sample: number,
  alphaProd: number,
): number {
  const betaProd = 1 - alphaProd;
  if (predictionType === "epsilon") return (sample - Math.sqrt(betaProd) * modelOutput) / Math.sqrt(alphaProd);
  if (predictionType === "v_prediction") return Math.sqrt(alphaProd) * sample - Math.sqrt(betaProd) * modelOutput;
  return modelOutput; // "sample"
}
