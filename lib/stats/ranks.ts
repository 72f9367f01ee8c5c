import type { Interval } from "./types";

/**
 * Ranks that respect uncertainty: rank(i) = 1 + #{j : lower(j) > upper(i)} — a model is only
 * ranked below the models that beat it with non-overlapping intervals, so statistically tied
 * models share a rank. This is the rule of the Chatbot Arena leaderboard
 * (Chiang et al. 2024, arXiv 2403.04132, §5 "rank").
 * Complexity: O(K²).
 */
export function intervalRanks(intervals: readonly Interval[]): number[] {
  return intervals.map((mine) => 1 + intervals.filter((other) => other.lower > mine.upper).length);
}

/**
 * Kendall's τ between two orderings of the same items given as scores (higher = better):
 * τ = (concordant − discordant) / (n(n−1)/2), no ties expected (a tied pair counts as neither).
 * Reference: Kendall (1938), "A new measure of rank correlation", Biometrika 30:81–93. O(n²).
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n || n < 2) throw new RangeError("kendallTau: need two score lists of the same length ≥ 2");
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
  return s / ((n * (n - 1)) / 2);
}
