import { logChoose } from "./special";

/**
 * Exact two-sided binomial test of H₀: P(success) = p0 for x successes in n trials.
 * Used as the sign test of a head-to-head: successes = wins, trials = wins + losses (ties
 * carry no sign and are left out, Dixon & Mood 1946).
 * Definition: p-value = Σ P(X = k) over all k with P(X = k) ≤ P(X = x)·(1 + 1e-7), the
 * "minimum likelihood" two-sided rule of R's binom.test (the factor absorbs rounding).
 * Reference: Clopper & Pearson (1934); R Core, stats::binom.test.
 * Complexity: O(n) at worst; the walk from the mode stops once the tail terms vanish
 * (O(√n) terms in practice), with three log-gamma calls in all.
 */
export function binomialTestTwoSided(x: number, n: number, p0 = 0.5): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n)
    throw new RangeError(`binomialTest: need integers 0 ≤ x ≤ n, got ${x}, ${n}`);
  if (!(p0 >= 0 && p0 <= 1)) throw new RangeError(`binomialTest: p0 must be in [0, 1], got ${p0}`);
  if (n === 0) return 1;
  if (p0 === 0) return x === 0 ? 1 : 0;
  if (p0 === 1) return x === n ? 1 : 0;
  const lp = Math.log(p0);
  const lq = Math.log1p(-p0);
  const logPmf = (k: number) => logChoose(n, k) + k * lp + (n - k) * lq;
  // Walk outwards from the mode with the pmf ratio recurrence, in units of pmf(mode): terms fall
  // monotonically away from the mode, so each side stops once its terms no longer change the sum.
  const mode = Math.min(n, Math.floor((n + 1) * p0));
  const logMode = logPmf(mode);
  const threshold = Math.exp(logPmf(x) - logMode) * (1 + 1e-7);
  const odds = p0 / (1 - p0);
  let sum = 1 <= threshold ? 1 : 0;
  for (const dir of [1, -1]) {
    let r = 1;
    for (let k = mode; dir > 0 ? k < n : k > 0; k += dir) {
      r *= dir > 0 ? ((n - k) / (k + 1)) * odds : k / (n - k + 1) / odds;
      if (r <= threshold) {
        sum += r;
        if (r < 1e-17 * sum) break;
      }
    }
  }
  const p = sum * Math.exp(logMode);
  return Math.min(1, p);
}
