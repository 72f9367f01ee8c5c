import { bcaInterval, percentileInterval } from "./bca";
import { createRng } from "./rng";
import type { Interval } from "./types";

/** Per-cluster totals of a ratio statistic Σnum / Σden (e.g. score sum / outcome count per prompt). */
export interface RatioColumn {
  num: ArrayLike<number>;
  den: ArrayLike<number>;
}

export interface BootstrapOptions {
  rounds: number;
  seed: number;
  level?: number;
}

export interface BootstrapResult {
  estimate: number;
  /** Standard deviation of the replicates. */
  standardError: number;
  percentile: Interval;
  bca: Interval;
  /** Replicates with a defined value (a resample can have Σden = 0, e.g. only ties). */
  validRounds: number;
}

/**
 * Cluster (prompt) bootstrap of ratio statistics Σ num / Σ den that share one resample.
 * Definition: each round draws k clusters with replacement from the k clusters and recomputes
 * every ratio from the drawn clusters' totals; intervals are percentile and BCa, the BCa
 * jackknife leaving out one cluster at a time. Resampling whole prompts keeps the correlation of
 * votes on one prompt, which a per-judgment interval ignores (see docs/STATISTICS.md).
 * Reference: Davison & Hinkley (1997), Bootstrap Methods and their Application, §3.8 (cluster
 * resampling, "strategy 1"); Field & Welsh (2007), JRSS-B 69:369–390.
 * Complexity: O(B·k·c) time for B rounds, k clusters and c columns, O(B·c) memory.
 * Deterministic: the same totals, rounds and seed give identical output.
 */
export function clusterBootstrapRatios(columns: readonly RatioColumn[], options: BootstrapOptions): BootstrapResult[] {
  const level = options.level ?? 0.95;
  return clusterRatioReplicates(columns, options).map((r) => summariseReplicates(r.estimate, r.reps, r.jack, level));
}

/** One ratio's full-data value, bootstrap replicates and leave-one-cluster-out jackknife values. */
export interface RatioReplicates {
  estimate: number;
  /** reps[r]: the ratio in round r (NaN where the resample has Σden = 0). */
  reps: Float64Array;
  /** jack[i]: the ratio without cluster i (NaN where undefined). */
  jack: Float64Array;
}

/**
 * The replicates behind clusterBootstrapRatios, for statistics built from several ratios of one
 * resample (e.g. a difference of two means, paired by cluster: subtract the replicates and the
 * jackknife values, then summariseReplicates). Same definition, reference and resample.
 * Complexity: O(B·k·c) time, O(B·c + k·c) memory.
 */
export function clusterRatioReplicates(
  columns: readonly RatioColumn[],
  options: Pick<BootstrapOptions, "rounds" | "seed">,
): RatioReplicates[] {
  const { rounds, seed } = options;
  const k = columns.length > 0 ? columns[0].num.length : 0;
  for (const c of columns)
    if (c.num.length !== k || c.den.length !== k)
      throw new RangeError("clusterBootstrapRatios: columns differ in length");
  const rng = createRng(seed);
  const reps = columns.map(() => new Float64Array(rounds));
  const nums = new Float64Array(columns.length);
  const dens = new Float64Array(columns.length);
  for (let r = 0; r < rounds; r++) {
    nums.fill(0);
    dens.fill(0);
    for (let i = 0; i < k; i++) {
      const c = rng.int(k);
      for (let s = 0; s < columns.length; s++) {
        nums[s] += columns[s].num[c];
        dens[s] += columns[s].den[c];
      }
    }
    for (let s = 0; s < columns.length; s++) reps[s][r] = dens[s] > 0 ? nums[s] / dens[s] : NaN;
  }
  return columns.map((col, s) => {
    let N = 0,
      D = 0;
    for (let i = 0; i < k; i++) {
      N += col.num[i];
      D += col.den[i];
    }
    const jack = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const d = D - col.den[i];
      jack[i] = d > 0 ? (N - col.num[i]) / d : NaN; // leave cluster i out
    }
    return { estimate: D > 0 ? N / D : NaN, reps: reps[s], jack };
  });
}

/**
 * Standard error, percentile and BCa intervals from bootstrap replicates and the
 * leave-one-cluster-out jackknife values. NaN replicates (undefined resamples) are skipped.
 * Complexity: O(B log B + k).
 */
export function summariseReplicates(
  estimate: number,
  reps: ArrayLike<number>,
  jack: ArrayLike<number>,
  level: number,
): BootstrapResult {
  let n = 0,
    mean = 0,
    m2 = 0;
  for (let i = 0; i < reps.length; i++) {
    const x = reps[i];
    if (Number.isNaN(x)) continue;
    n++;
    const delta = x - mean; // Welford: stable for near-constant replicates
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return {
    estimate,
    standardError: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0,
    percentile: percentileInterval(reps, level),
    bca: Number.isNaN(estimate) ? { lower: NaN, upper: NaN } : bcaInterval(estimate, reps, jack, level),
    validRounds: n,
  };
}
