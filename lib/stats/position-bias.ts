import { binomialTestTwoSided } from "./binomial-test";
import { wilsonInterval } from "./wilson";
import type { Interval, Judgment } from "./types";

export interface PositionBias {
  /** Judgments with a known left image. */
  judgments: number;
  leftWins: number;
  rightWins: number;
  ties: number;
  /** leftWins / (leftWins + rightWins): 0.5 means no bias; null when every vote was a tie. */
  leftShare: number | null;
  interval: Interval | null;
  /** Exact two-sided binomial test of leftShare = 0.5. */
  pValue: number;
}

/**
 * Position bias: how often the image shown on the left wins, among decisive votes. Photogenic
 * randomises left/right per annotator, so a share away from ½ measures the annotators'
 * preference for a side, not a model effect.
 * Definition: left share = L / (L + R) with Wilson interval and exact binomial test against ½.
 * Reference: Wilson (1927); Zheng et al. (2023), arXiv 2306.05685, §3.3 (position bias of judges).
 * Complexity: O(n + L + R) (the exact test is linear in the decisive votes).
 */
export function positionBias(judgments: readonly Judgment[], level = 0.95): PositionBias {
  return positionBiasFromCounts(positionCounts(judgments), level);
}

/** Votes for the left image, for the right one, and ties, among judgments with a known left image. */
export interface PositionCounts {
  left: number;
  right: number;
  ties: number;
}

/** Adds one judgment's vote (`weight` times) to position counts; a vote with an unknown left image is skipped. O(1). */
export function addPositionVote(
  counts: PositionCounts,
  j: Pick<Judgment, "leftModel" | "modelA" | "modelB" | "winner">,
  weight = 1,
): void {
  if (j.leftModel === undefined) return;
  if (j.leftModel !== j.modelA && j.leftModel !== j.modelB) return;
  if (j.winner === "tie") counts.ties += weight;
  else if ((j.winner === "A" ? j.modelA : j.modelB) === j.leftModel) counts.left += weight;
  else counts.right += weight;
}

/** Position counts of judgments. O(n). */
export function positionCounts(judgments: readonly Judgment[]): PositionCounts {
  const counts = { left: 0, right: 0, ties: 0 };
  for (const j of judgments) addPositionVote(counts, j);
  return counts;
}

/** Position bias (see positionBias) from its counts. O(L + R). */
export function positionBiasFromCounts({ left, right, ties }: PositionCounts, level = 0.95): PositionBias {
  const decisive = left + right;
  return {
    judgments: decisive + ties,
    leftWins: left,
    rightWins: right,
    ties,
    leftShare: decisive > 0 ? left / decisive : null,
    interval: decisive > 0 ? wilsonInterval(left, decisive, level) : null,
    pValue: binomialTestTwoSided(left, decisive),
  };
}
