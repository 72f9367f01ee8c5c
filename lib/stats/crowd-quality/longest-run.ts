/** Longest stretch of equal consecutive values in a sequence. */
export interface LongestRun<T> {
  length: number;
  value: T | null;
  /** Index where the run starts (the first such run); −1 for an empty sequence. */
  start: number;
}

/** Complexity: O(n). */
export function longestRun<T>(values: readonly T[]): LongestRun<T> {
  let best: LongestRun<T> = { length: 0, value: null, start: -1 };
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && values[i] === values[start]) continue;
    if (i - start > best.length) best = { length: i - start, value: values[start], start };
    start = i;
  }
  return best;
}

/** Above this run length (and below n/2) the tail probability is given by its union bound. */
export const EXACT_RUN_LIMIT = 64;

/**
 * P(L_n ≥ r): the probability that n tosses of a fair coin contain a run of at least r equal
 * outcomes (heads or tails), the null distribution of the longest run of one side.
 * Definition and derivation:
 * - r ≤ 1: 1 (for n ≥ 1); r > n: 0.
 * - r > n/2: exactly (n − r + 2)·2^−r. A maximal run of length ≥ r starts at position 1
 *   (probability 2^(1−r): r equal values) or at a position s ≥ 2 with x_(s−1) ≠ x_s
 *   (probability 2^−r each, n − r such s); two such runs would need 2r ≤ n values, so for
 *   r > n/2 the events are disjoint and their probabilities add up exactly.
 * - otherwise, for r ≤ EXACT_RUN_LIMIT, exactly by dynamic programming over the length of the
 *   current run (states 1…r−1; each toss continues the run or starts a new one with probability
 *   ½), the absorbed mass — the p-value — accumulated as a sum of positive terms, so small
 *   p-values are not lost to cancellation;
 * - otherwise the same (n − r + 2)·2^−r as an upper bound (Boole's inequality over the starts
 *   above), which is then below n·2^−64 and `exact` is false.
 * Reference: Schilling (1990), "The longest run of heads", College Math. J. 21(3):196–207 (the
 * run-length recursion); Feller (1968), An Introduction to Probability Theory, vol. 1, §XIII.7.
 * Complexity: O(1) for r > n/2, O(n·r) ≤ O(64·n) otherwise.
 */
export function longestRunTailProbability(n: number, r: number): { pValue: number; exact: boolean } {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(r))
    throw new RangeError(`longestRunTailProbability: need whole numbers n ≥ 0 and r, got ${n}, ${r}`);
  if (r <= 0 || (r === 1 && n >= 1)) return { pValue: 1, exact: true };
  if (r > n) return { pValue: 0, exact: true };
  const disjointStarts = (n - r + 2) * 2 ** -r;
  if (2 * r > n) return { pValue: disjointStarts, exact: true };
  if (r > EXACT_RUN_LIMIT) return { pValue: disjointStarts, exact: false };
  // mass[j] = P(no run ≥ r so far, current run has length j + 1), after the first toss.
  let mass = new Float64Array(r - 1);
  let next = new Float64Array(r - 1);
  mass[0] = 1;
  let absorbed = 0;
  for (let t = 1; t < n; t++) {
    let alive = 0;
    for (let j = 0; j < r - 1; j++) alive += mass[j];
    absorbed += mass[r - 2] / 2;
    next[0] = alive / 2;
    for (let j = 1; j < r - 1; j++) next[j] = mass[j - 1] / 2;
    [mass, next] = [next, mass];
  }
  return { pValue: Math.min(1, absorbed), exact: true };
}
