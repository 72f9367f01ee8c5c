import type { Rating } from "./agreement/rating-table";

export interface DawidSkeneOptions {
  /** Class order (e.g. ["B", "tie", "A"]); default: sorted labels seen. */
  classes?: readonly string[];
  /** Pseudo-count added to every confusion cell and class prior (default 0.01) so no probability is 0. */
  smoothing?: number;
  maxIterations?: number;
  /** Stop when no posterior moves more than this (default 1e-8). */
  tolerance?: number;
}

export interface DawidSkeneResult {
  classes: string[];
  priors: number[];
  /** confusion[rater][true class][given label] = P(label | true class), rows sum to 1. */
  confusion: Record<string, number[][]>;
  items: { item: string; posterior: number[]; label: string }[];
  iterations: number;
  /** Log-likelihood log P(labels) at the final parameters (EM never lowers it). */
  logLikelihood: number;
}

/**
 * Dawid–Skene expectation–maximisation: each rater has a confusion matrix over the classes; the
 * true class of every item is latent. Start from per-item vote shares (the soft majority), then
 * alternate: M-step priors p_k = mean_i T_ik and π⁽ʳ⁾_kl ∝ Σ_i T_ik n⁽ʳ⁾_il + smoothing;
 * E-step T_ik ∝ p_k Π_r Π_l (π⁽ʳ⁾_kl)^{n⁽ʳ⁾_il}. Denoised label = the class with the highest
 * posterior (first in class order when equal). An optional aggregation beside the majority:
 * it down-weights raters who disagree systematically.
 * Reference: Dawid & Skene (1979), "Maximum likelihood estimation of observer error-rates using
 * the EM algorithm", Appl. Statist. 28:20–28.
 * Complexity: O(I·(r·K + i·K)) time for I iterations, r ratings, i items, K classes;
 * O(R·K² + i·K) memory for R raters.
 */
export function dawidSkene(ratings: readonly Rating[], options: DawidSkeneOptions = {}): DawidSkeneResult {
  const classes = options.classes ? [...options.classes] : [...new Set(ratings.map((r) => r.label))].sort();
  const K = classes.length;
  const alpha = options.smoothing ?? 0.01;
  const maxIter = options.maxIterations ?? 200;
  const tol = options.tolerance ?? 1e-8;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const itemIndex = new Map<string, number>();
  const raterIndex = new Map<string, number>();
  const items: string[] = [];
  const raters: string[] = [];
  const obs = ratings.map((r) => {
    const label = classIndex.get(r.label);
    if (label === undefined) throw new Error(`dawidSkene: label "${r.label}" is not one of ${classes.join(", ")}`);
    let i = itemIndex.get(r.item);
    if (i === undefined) itemIndex.set(r.item, (i = items.push(r.item) - 1));
    let j = raterIndex.get(r.rater);
    if (j === undefined) raterIndex.set(r.rater, (j = raters.push(r.rater) - 1));
    return { i, j, label };
  });
  const n = items.length;
  // T: item posteriors, started from vote shares.
  const T = new Float64Array(n * K);
  const votes = new Float64Array(n);
  for (const o of obs) {
    T[o.i * K + o.label]++;
    votes[o.i]++;
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) T[i * K + k] /= votes[i];
  const priors = new Float64Array(K);
  const pi = new Float64Array(raters.length * K * K);
  const logT = new Float64Array(n * K);
  let iterations = 0;
  let logLikelihood = 0;
  for (; iterations < maxIter;) {
    iterations++;
    // M-step
    priors.fill(alpha);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) priors[k] += T[i * K + k];
    const pSum = priors.reduce((a, b) => a + b, 0);
    for (let k = 0; k < K; k++) priors[k] /= pSum;
    pi.fill(alpha);
    for (const o of obs) for (let k = 0; k < K; k++) pi[(o.j * K + k) * K + o.label] += T[o.i * K + k];
    for (let row = 0; row < raters.length * K; row++) {
      let s = 0;
      for (let l = 0; l < K; l++) s += pi[row * K + l];
      for (let l = 0; l < K; l++) pi[row * K + l] = s > 0 ? pi[row * K + l] / s : 1 / K;
    }
    // E-step, in logs so that many ratings per item cannot underflow
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) logT[i * K + k] = Math.log(priors[k]);
    for (const o of obs) for (let k = 0; k < K; k++) logT[o.i * K + k] += Math.log(pi[(o.j * K + k) * K + o.label]);
    let maxChange = 0;
    logLikelihood = 0;
    for (let i = 0; i < n; i++) {
      let m = -Infinity;
      for (let k = 0; k < K; k++) m = Math.max(m, logT[i * K + k]);
      let s = 0;
      for (let k = 0; k < K; k++) s += Math.exp(logT[i * K + k] - m);
      logLikelihood += m + Math.log(s);
      for (let k = 0; k < K; k++) {
        const v = Math.exp(logT[i * K + k] - m) / s;
        maxChange = Math.max(maxChange, Math.abs(v - T[i * K + k]));
        T[i * K + k] = v;
      }
    }
    if (maxChange < tol) break;
  }
  const confusion: Record<string, number[][]> = {};
  [...raters].sort().forEach((r) => {
    const j = raterIndex.get(r)!;
    confusion[r] = classes.map((_, k) => Array.from(pi.subarray((j * K + k) * K, (j * K + k + 1) * K)));
  });
  return {
    classes,
    priors: Array.from(priors),
    confusion,
    items: items.map((item, i) => {
      const posterior = Array.from(T.subarray(i * K, (i + 1) * K));
      let best = 0;
      for (let k = 1; k < K; k++) if (posterior[k] > posterior[best]) best = k;
      return { item, posterior, label: classes[best] };
    }),
    iterations,
    logLikelihood,
  };
}
