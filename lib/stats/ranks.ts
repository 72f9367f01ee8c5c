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
