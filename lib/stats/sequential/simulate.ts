import { normalDraw, type Rng } from "../rng";

/**
 * The simulation model of a two-model comparison with between-prompt heterogeneity, shared by the
 * planner, the unit tests and the benches: prompt c has P(A wins | not a tie) = logistic(μ + σ·Z_c),
 * Z_c ~ N(0, 1); each of its m judgments is a tie with probability τ, else a win with that
 * probability; the prompt's outcome is the mean score of its m judgments (ties ½). The true win
 * rate is p(μ) = (1 − τ)·E[logistic(μ + σZ)] + τ/2.
 */
export interface PromptModel {
  /** True win rate p. */
  winRate: number;
  /** Prompt-effect standard deviation σ on the logit scale. */
  sigma: number;
  tieRate: number;
  judgmentsPerPrompt: number;
  /** Location μ solving p(μ) = winRate. */
  mu: number;
  /** Variance of one prompt's outcome (exact up to quadrature error). */
  outcomeVariance: number;
  /** One prompt's outcome. O(m). */
  draw(rng: Rng): number;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** E[f(μ + σZ)] by the trapezoid rule on Z ∈ [−10, 10], 4,000 steps (error ≪ 1e-8 for smooth bounded f). */
function gaussExpect(f: (x: number) => number, mu: number, sigma: number): number {
  if (sigma === 0) return f(mu);
  const n = 4000,
    h = 20 / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const z = -10 + i * h;
    sum += (i === 0 || i === n ? 0.5 : 1) * Math.exp(-0.5 * z * z) * f(mu + sigma * z);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/** True win rate (1 − τ)·E[logistic(μ + σZ)] + τ/2 of the model. O(4,000). */
export function modelWinRate(mu: number, sigma: number, tieRate: number): number {
  return (1 - tieRate) * gaussExpect(logistic, mu, sigma) + tieRate / 2;
}

/**
 * Builds the PromptModel for a target win rate: μ by bisection on the increasing p(μ) (60 steps),
 * the outcome variance by the law of total variance: with q_c = logistic(μ + σZ_c), one judgment
 * has mean s_c = (1 − τ)q_c + τ/2 and variance v_c = (1 − τ)q_c + τ/4 − s_c², so
 * Var(outcome) = Var(s_c) + E[v_c]/m. Complexity: O(60·4,000) to build, O(m) per draw.
 */
export function createPromptModel(spec: {
  winRate: number;
  sigma?: number;
  tieRate?: number;
  judgmentsPerPrompt?: number;
}): PromptModel {
  const { winRate, sigma = 0, tieRate = 0, judgmentsPerPrompt: m = 1 } = spec;
  if (!(sigma >= 0)) throw new RangeError(`sigma must be ≥ 0, got ${sigma}`);
  if (!(tieRate >= 0 && tieRate < 1)) throw new RangeError(`tieRate must be in [0, 1), got ${tieRate}`);
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`judgmentsPerPrompt must be a positive integer, got ${m}`);
  if (!(winRate > tieRate / 2 && winRate < 1 - tieRate / 2))
    throw new RangeError(`winRate must be in (τ/2, 1 − τ/2) = (${tieRate / 2}, ${1 - tieRate / 2}), got ${winRate}`);
  let lo = -40,
    hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (modelWinRate(mid, sigma, tieRate) < winRate) lo = mid;
    else hi = mid;
  }
  const mu = (lo + hi) / 2;
  const tau = tieRate;
  const mean = (q: number) => (1 - tau) * q + tau / 2;
  const s2 = gaussExpect((x) => mean(logistic(x)) ** 2, mu, sigma);
  const ev = gaussExpect((x) => (1 - tau) * logistic(x) + tau / 4 - mean(logistic(x)) ** 2, mu, sigma);
  const outcomeVariance = s2 - winRate * winRate + ev / m;
  const fixedQ = sigma === 0 ? logistic(mu) : NaN;
  return {
    winRate,
    sigma,
    tieRate,
    judgmentsPerPrompt: m,
    mu,
    outcomeVariance,
    draw(rng: Rng) {
      const q = sigma === 0 ? fixedQ : logistic(mu + sigma * normalDraw(rng));
      let s = 0;
      for (let j = 0; j < m; j++) s += rng.next() < tau ? 0.5 : rng.next() < q ? 1 : 0;
      return s / m;
    },
  };
}
