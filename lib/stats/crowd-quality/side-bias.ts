import { binomialTestTwoSided } from "../binomial-test";
import { longestRun, longestRunTailProbability } from "./longest-run";
import type { CrowdQualityRules } from "./rules";

export type Side = "left" | "right" | "tie";

/**
 * Sides in order: as Side values, or as one string of their letters ('l' left, 'r' right, 't'
 * tie) — the compact form of a long sequence (a byte each, where a Side[] holds a reference each).
 */
export type Sides = readonly Side[] | string;

const [LEFT, RIGHT] = ["l".charCodeAt(0), "r".charCodeAt(0)];

/** The decisive sides of Sides' letters ('t' left out), in order. */
function decisiveLetters(letters: string): ("left" | "right")[] {
  const out: ("left" | "right")[] = [];
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c === LEFT) out.push("left");
    else if (c === RIGHT) out.push("right");
  }
  return out;
}

export interface SideBiasEvidence {
  /** Decisive answers (ties have no side) and how many picked the left image. */
  decisive: number;
  left: number;
  /** left / decisive; null without decisive answers. */
  leftShare: number | null;
  /** Exact two-sided binomial test of leftShare = ½. */
  pValue: number;
  /** Longest run of one side among the decisive answers, in the order given (time order). */
  longestRun: number;
  longestRunSide: "left" | "right" | null;
  /** P(longest run ≥ longestRun) for `decisive` fair-coin tosses (longestRunTailProbability). */
  runPValue: number;
  /** False when runPValue is the union bound, not the exact tail (runs above 64, below n/2). */
  runPValueExact: boolean;
}

/**
 * Side bias and straight-lining of one annotator: the share of decisive answers for the left
 * image, and the longest run of answers for the same side. With the left/right order balanced by
 * the assignment engine, an attentive annotator's side is close to a fair coin; always-left
 * clicking shows as a share near 1, blocks of one side as a run far longer than log₂ n.
 * Definition: L = left answers among D decisive ones; p = binomialTestTwoSided(L, D, ½); the
 * runs statistic is the longest run R of one side and its p-value P(L_D ≥ R) under the fair coin.
 * Reference: Clopper & Pearson (1934); Schilling (1990) for the longest run; Krosnick (1991),
 * "Response strategies for coping with the cognitive demands of attitude measures in surveys",
 * Applied Cognitive Psychology 5:213–236, for straight-lining as satisficing.
 * Complexity: O(D) for the share and the run, O(min(R, 64)·D) for the run's p-value.
 */
export function sideBias(sides: Sides): SideBiasEvidence {
  const decisive = typeof sides === "string" ? decisiveLetters(sides) : sides.filter((s) => s !== "tie");
  const left = decisive.filter((s) => s === "left").length;
  const run = longestRun(decisive);
  const tail = longestRunTailProbability(decisive.length, run.length);
  return {
    decisive: decisive.length,
    left,
    leftShare: decisive.length > 0 ? left / decisive.length : null,
    pValue: binomialTestTwoSided(left, decisive.length),
    longestRun: run.length,
    longestRunSide: run.value,
    runPValue: tail.pValue,
    runPValueExact: tail.exact,
  };
}

/** The flag rule (see CrowdQualityRules): a lopsided share, or a run too long for a fair coin. */
export function sideBiasFlag(e: SideBiasEvidence, rules: CrowdQualityRules): boolean {
  const lopsided =
    e.leftShare !== null && e.pValue < rules.sideAlpha && Math.abs(e.leftShare - 0.5) >= rules.sideMargin;
  return lopsided || (e.decisive > 0 && e.runPValue < rules.runAlpha);
}
