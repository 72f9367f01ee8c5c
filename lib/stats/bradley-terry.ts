import { choleskySolve } from "./linear-algebra";

/**
 * Default prior precision λ on the natural-log strengths: θᵢ ~ N(0, 1/λ), λ = 0.01, i.e. a prior
 * standard deviation of 10 logits (≈ 1,737 Arena points). It changes a fit on ordinary data by
 * far less than its bootstrap interval (it acts like 0.04 extra games per model) but keeps every
 * strength finite when a model won or lost all its games, or the comparison graph is disconnected
 * (each component is then centred on the overall mean).
 */
export const DEFAULT_PRIOR_PRECISION = 0.01;

/** Chatbot Arena scale: rating = 1000 + 400·log₁₀(e)·θ, so 400 points = 10:1 odds. */
export const ARENA_SCALE = 400;
export const ARENA_BASE = 10;
export const ARENA_MEAN = 1000;

export interface BradleyTerryFitOptions {
  /** Prior precision λ (see DEFAULT_PRIOR_PRECISION); must be > 0. */
  priorPrecision?: number;
  /** Starting strengths (warm start for bootstrap rounds). */
  init?: ArrayLike<number>;
  maxIterations?: number;
  tolerance?: number;
}

/**
 * Bradley–Terry maximum a-posteriori strengths with a tie counted as half a win.
 * Model: P(i beats j) = σ(θᵢ − θⱼ) = 1 / (1 + e^{θⱼ − θᵢ}). Input: wins[i·K + j] = wins of i over j
 * plus ½ for every tie between i and j (the Arena convention). Maximises
 *   ℓ(θ) = Σ_{i≠j} wᵢⱼ ln σ(θᵢ − θⱼ) − (λ/2) Σ θᵢ²
 * by Newton's method with step halving. ℓ is strictly concave for λ > 0, so the maximum is
 * unique and finite; its gradient sums to −λΣθᵢ, so the solution has mean 0 (Arena mean 1000).
 * Reference: Bradley & Terry (1952), Biometrika 39:324–345; Hunter (2004), Ann. Stat. 32:384–406
 * (MLE existence needs a strongly connected graph — hence the prior); Chiang et al. (2024),
 * "Chatbot Arena", arXiv 2403.04132 (ties as half, scale 400 base 10).
 * Complexity: O(I·(K² + K³/3)) for I Newton iterations (typically 4–10), K models.
 * Returns natural-log strengths θ with Σθ = 0.
 */
export function fitBradleyTerry(
  wins: ArrayLike<number>,
  K: number,
  options: BradleyTerryFitOptions = {},
): Float64Array {
  const lambda = options.priorPrecision ?? DEFAULT_PRIOR_PRECISION;
  if (!(lambda > 0)) throw new RangeError("fitBradleyTerry: priorPrecision must be > 0");
  const maxIter = options.maxIterations ?? 100;
  const tol = options.tolerance ?? 1e-10;
  const theta = new Float64Array(K);
  if (options.init) {
    let m = 0;
    for (let i = 0; i < K; i++) m += options.init[i];
    for (let i = 0; i < K; i++) theta[i] = options.init[i] - m / K;
  }
  const grad = new Float64Array(K);
  const negHess = new Float64Array(K * K);
  let f = objective(wins, K, theta, lambda);
  for (let iter = 0; iter < maxIter; iter++) {
    grad.fill(0);
    negHess.fill(0);
    for (let i = 0; i < K; i++) {
      grad[i] -= lambda * theta[i];
      negHess[i * K + i] += lambda;
      for (let j = i + 1; j < K; j++) {
        const wij = wins[i * K + j];
        const wji = wins[j * K + i];
        const n = wij + wji;
        if (n === 0) continue;
        const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
        const r = wij - n * p;
        grad[i] += r;
        grad[j] -= r;
        const h = n * p * (1 - p);
        negHess[i * K + i] += h;
        negHess[j * K + j] += h;
        negHess[i * K + j] -= h;
        negHess[j * K + i] -= h;
      }
    }
    // The likelihood is flat along (1,…,1); adding c·11ᵀ keeps the solve well conditioned for tiny
    // λ without changing the step, because the gradient is orthogonal to (1,…,1) when Σθ = 0.
    let trace = 0;
    for (let i = 0; i < K; i++) trace += negHess[i * K + i];
    const c = trace / (K * K);
    for (let i = 0; i < K * K; i++) negHess[i] += c;
    const step = choleskySolve(negHess, grad, K);
    let t = 1;
    const trial = new Float64Array(K);
    let fTrial = -Infinity;
    for (let halvings = 0; halvings < 60; halvings++) {
      for (let i = 0; i < K; i++) trial[i] = theta[i] + t * step[i];
      fTrial = objective(wins, K, trial, lambda);
      if (fTrial >= f - 1e-12 * Math.abs(f)) break;
      t /= 2;
    }
    let maxStep = 0;
    for (let i = 0; i < K; i++) maxStep = Math.max(maxStep, Math.abs(trial[i] - theta[i]));
    theta.set(trial);
    f = fTrial;
    if (maxStep < tol) break;
  }
  return theta;
}

/** Penalised log-likelihood ℓ(θ) of fitBradleyTerry. O(K²). */
function objective(wins: ArrayLike<number>, K: number, theta: Float64Array, lambda: number): number {
  let f = 0;
  for (let i = 0; i < K; i++) {
    f -= (lambda / 2) * theta[i] * theta[i];
    for (let j = 0; j < K; j++) {
      const w = wins[i * K + j];
      if (w === 0) continue;
      // ln σ(d) = −ln(1 + e^{−d}), written to avoid overflow for large |d|
      const d = theta[i] - theta[j];
      f -= w * (d >= 0 ? Math.log1p(Math.exp(-d)) : -d + Math.log1p(Math.exp(d)));
    }
  }
  return f;
}

/**
 * Converts natural-log strengths to the Arena scale: rating = mean + scale·θ / ln(base),
 * then, when an anchor is given, shifts every rating so the anchor model has the given rating.
 * Complexity: O(K).
 */
export function toArenaRatings(theta: ArrayLike<number>, anchor?: { index: number; rating: number }): Float64Array {
  const factor = ARENA_SCALE / Math.log(ARENA_BASE);
  const out = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++) out[i] = ARENA_MEAN + factor * theta[i];
  if (anchor) {
    const shift = anchor.rating - out[anchor.index];
    for (let i = 0; i < out.length; i++) out[i] += shift;
  }
  return out;
}
