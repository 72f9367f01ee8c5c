import { logChoose } from "./special";

/**
 * Exact two-sided binomial test of H₀: P(success) = p0 for x successes in n trials.
 * Used as the sign test of a head-to-head: successes = wins, trials = wins + losses (ties
 * carry no sign and are left out, Dixon & Mood 1946).
 * Definition: p-value = Σ P(X = k) over all k with P(X = k) ≤ P(X = x)·(1 + 1e-7), the
 * "minimum likelihood" two-sided rule of R's binom.test (the factor absorbs rounding).
 * Reference: Clopper & Pearson (1934); R Core, stats::binom.test.
 * Complexity: O(n) (one log-pmf per k, from log-gamma).
 */
export function binomialTestTwoSided(x: number, n: number, p0 = 0.5): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) throw new RangeError(`binomialTest: need integers 0 ≤ x ≤ n, got ${x}, ${n}`);
  if (!(p0 >= 0 && p0 <= 1)) throw new RangeError(`binomialTest: p0 must be in [0, 1], got ${p0}`);
  if (n === 0) return 1;
  if (p0 === 0) return x === 0 ? 1 : 0;
  if (p0 === 1) return x === n ? 1 : 0;
  const lp = Math.log(p0);
  const lq = Math.log1p(-p0);
  const logPmf = (k: number) => logChoose(n, k) + k * lp + (n - k) * lq;
  const threshold = logPmf(x) + Math.log1p(1e-7);
  let p = 0;
  for (let k = 0; k <= n; k++) {
    const l = logPmf(k);
    if (l <= threshold) p += Math.exp(l);
  }
  return Math.min(1, p);
}
