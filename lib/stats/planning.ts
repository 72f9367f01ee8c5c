import { normalQuantile, zForLevel } from "./special";

/** Per-cluster totals of one head-to-head: units, score sum (win 1, tie ½) and sum of squared scores. */
export interface ClusterScores {
  units: ArrayLike<number>;
  scoreSum: ArrayLike<number>;
  scoreSquares: ArrayLike<number>;
}

export interface Plan {
  units: number;
  clusters: number;
  estimate: number;
  /** Per-unit variance σ² of the score (1, ½, 0). */
  unitVariance: number;
  /** Var(cluster) / Var(independent units); 1 = prompts add no correlation. */
  designEffect: number;
  /** Current normal-approximation half-width z·√Var(cluster). */
  halfWidth: number;
  targetHalfWidth: number;
  /** Units needed in total for the target half-width, and how many more that is. */
  unitsNeeded: number;
  additionalUnits: number;
  /** The same in prompts, at the current units per prompt. */
  clustersNeeded: number;
}

/**
 * Planning: how many outcomes (judgments or pairs) a target interval half-width needs.
 * Definitions, for the ties-half win rate p̂ = Σs/N over k prompts with totals (n_c, s_c):
 *   σ² = Σ(score − p̂)²/(N − 1);  Var_SRS = σ²/N;
 *   Var_cluster = k/(k−1) · Σ_c (s_c − p̂·n_c)² / N²  (linearised ratio-estimator variance);
 *   deff = Var_cluster / Var_SRS;  half-width h = z·√Var_cluster;
 *   N* = z²·σ²·deff / h*²  (rounded up), prompts* = N* / (N/k).
 * With one unit per prompt Var_cluster = Var_SRS exactly, so deff = 1.
 * It assumes new votes arrive on new prompts with the current votes per prompt (deff depends on
 * that number: deff ≈ 1 + (m̄ − 1)·ICC).
 * Reference: Kish (1965), Survey Sampling, §8.2 (design effect); Cochran (1977), Sampling
 * Techniques, 3rd ed., §6.13 (variance of a ratio estimator under cluster sampling).
 * Complexity: O(k).
 */
export function planSampleSize(clusters: ClusterScores, targetHalfWidth: number, level = 0.95): Plan | null {
  const k = clusters.units.length;
  let N = 0,
    S = 0,
    S2 = 0;
  for (let c = 0; c < k; c++) {
    N += clusters.units[c];
    S += clusters.scoreSum[c];
    S2 += clusters.scoreSquares[c];
  }
  if (N < 2 || k < 2) return null;
  const p = S / N;
  const sigma2 = Math.max(0, (S2 - N * p * p) / (N - 1));
  let r2 = 0;
  for (let c = 0; c < k; c++) r2 += (clusters.scoreSum[c] - p * clusters.units[c]) ** 2;
  const varCluster = ((k / (k - 1)) * r2) / (N * N);
  const varSrs = sigma2 / N;
  // With no variation at all (every outcome equal) there is nothing to inflate.
  const deff = varSrs > 0 ? varCluster / varSrs : 1;
  const z = zForLevel(level);
  const unitsNeeded = Math.ceil((z * z * sigma2 * deff) / (targetHalfWidth * targetHalfWidth));
  return {
    units: N,
    clusters: k,
    estimate: p,
    unitVariance: sigma2,
    designEffect: deff,
    halfWidth: z * Math.sqrt(varCluster),
    targetHalfWidth,
    unitsNeeded,
    additionalUnits: Math.max(0, unitsNeeded - N),
    clustersNeeded: Math.ceil(unitsNeeded / (N / k)),
  };
}

export interface FixedPowerOptions {
  /** Two-sided error level α of the final test. Default 0.05. */
  alpha?: number;
  /** Power 1 − β at the target win rate. Default 0.9. */
  power?: number;
  /** Variance of one per-prompt outcome under the null (p = ½) and at the target; defaults ¼ and p(1 − p) (one judgment per prompt, no ties). */
  nullVariance?: number;
  targetVariance?: number;
}

/**
 * Prompts a FIXED design needs so that the two-sided level-α z-test of "win rate = ½" on per-prompt
 * outcomes rejects with probability `power` when the true win rate is `target`:
 *   n = ⌈((z_{1−α/2}·σ₀ + z_{power}·σ₁) / (target − ½))²⌉,
 * σ₀², σ₁² the per-prompt outcome variances under ½ and at the target. For m judgments per prompt
 * with tie rate τ (no prompt effect) σ² = (p(1 − p) − τ/4)/m; a prompt effect adds its variance.
 * Reference: Chow, Shao & Wang (2008), Sample Size Calculations in Clinical Research, 2nd ed.,
 * §4.1 (one-sample test of a proportion, normal approximation). Complexity: O(1).
 * Example: target 60 %, α 0.05, power 0.9, one judgment a prompt: n = ⌈(1.95996·0.5 + 1.28155·0.4899)²/0.01⌉ = 259.
 */
export function fixedPromptsForPower(target: number, options: FixedPowerOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.9;
  if (!(target > 0 && target < 1 && target !== 0.5))
    throw new RangeError(`target must be in (0, 1) and ≠ 0.5, got ${target}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(power > 0 && power < 1)) throw new RangeError(`power must be in (0, 1), got ${power}`);
  const v0 = options.nullVariance ?? 0.25;
  const v1 = options.targetVariance ?? target * (1 - target);
  if (!(v0 > 0 && v1 > 0)) throw new RangeError("nullVariance and targetVariance must be > 0");
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  return Math.ceil(((za * Math.sqrt(v0) + zb * Math.sqrt(v1)) / (target - 0.5)) ** 2);
}
