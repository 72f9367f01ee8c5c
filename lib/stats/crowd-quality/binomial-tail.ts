import { logChoose } from "../special";

/**
 * Lower tail of the binomial distribution, P(X ≤ x) for X ~ Binomial(n, p): the p-value of the
 * one-sided test of H₀: success probability ≥ p against "below p" (Clopper & Pearson 1934).
 * Definition: Σ_{k=0..x} C(n, k)·p^k·(1 − p)^(n−k), summed from k = x downwards with the pmf ratio
 * pmf(k − 1)/pmf(k) = k/(n − k + 1)·(1 − p)/p, starting from pmf(x) in log space, so every term
 * is positive (no cancellation: tiny p-values keep their relative precision).
 * Reference: R Core, stats::pbinom (same quantity).
 * Complexity: O(x) at worst; the walk stops once the terms no longer change the sum.
 */
export function binomialLowerTail(x: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomialLowerTail: n must be a whole number ≥ 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialLowerTail: p must be in [0, 1], got ${p}`);
  if (x < 0) return 0;
  const k0 = Math.min(n, Math.floor(x));
  if (k0 === n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  const odds = (1 - p) / p;
  let term = Math.exp(logChoose(n, k0) + k0 * Math.log(p) + (n - k0) * Math.log1p(-p));
  let sum = term;
  for (let k = k0; k > 0; k--) {
    term *= (k / (n - k + 1)) * odds;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, sum);
}
