import { zForLevel } from "./special";
import type { Interval } from "./types";

/**
 * Wilson score interval for a binomial proportion x / n.
 * Definition: the p solving |p̂ − p| = z·√(p(1−p)/n):
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 * x may be fractional (wins + ½ ties); that treats each tie as half a success, which is
 * conservative because a tie's variance (0) is below a Bernoulli's (¼).
 * Reference: Wilson (1927), JASA 22:209–212; Newcombe (1998), Stat. Med. 17:857–872, method 3.
 * Complexity: O(1). n = 0 gives [0, 1] (no information).
 */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  if (x < 0 || x > n) throw new RangeError(`wilsonInterval: x = ${x} outside [0, ${n}]`);
  const z = zForLevel(level);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // Clamp only rounding noise: the exact interval always lies in [0, 1].
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Fewest prompts on which a prompt (cluster) bootstrap interval is reported. Below it the
 * bootstrap has too few distinct resamples — with one prompt every resample is that prompt and
 * the interval has zero width — and its coverage collapses (docs/STATISTICS.md, small groups:
 * BCa covers 0–83 % of the time with 1–5 prompts and about 90 % with 10); Wilson over prompts
 * (wilsonOverPrompts) is reported instead.
 */
export const MIN_BOOTSTRAP_PROMPTS = 10;

/**
 * Wilson interval for a rate estimated from outcomes clustered in prompts, with the effective
 * sample size at its floor: p̂ = Σscore/N over N outcomes on k prompts, interval =
 * wilsonInterval(p̂·k, k), i.e. Kish's n_eff = N/deff with the design effect at its largest value
 * deff = N/k (every prompt's outcomes identical, intra-class correlation 1).
 * Why it is honest at any prompt effect: for scores in [0, 1] clustered by prompt, the variance of
 * a prompt's mean is at most p(1 − p) (it is Var(p_c) + E[p_c(1 − p_c)]/m, and Var(p_c) ≤
 * p(1 − p) − E[p_c(1 − p_c)]), so treating each prompt as one Bernoulli draw never understates
 * the variance, whatever the correlation of votes on a prompt — which 1–5 prompts cannot estimate.
 * It is never narrower than Wilson on the N outcomes (k ≤ N), and never has zero width.
 * Reference: Kish (1965), Survey Sampling, §8.2 (effective sample size); Korn & Graubard (1998),
 * Survey Methodology 24:193 (binomial intervals at the effective sample size); Dean & Pagano
 * (2015), J. Surv. Stat. Methodol. 3:484 (Wilson at the effective sample size in clustered
 * surveys); Wilson (1927).
 * Complexity: O(1). k = 0 or N = 0 gives [0, 1].
 */
export function wilsonOverPrompts(score: number, outcomes: number, prompts: number, level = 0.95): Interval {
  if (outcomes <= 0 || prompts <= 0) return { lower: 0, upper: 1 };
  const k = Math.min(prompts, outcomes);
  return wilsonInterval((score / outcomes) * k, k, level);
}
