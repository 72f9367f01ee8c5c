import type { Interval } from "../stats/types";
import type { EstimateWithInterval, RatingDifference } from "../stats/rating/rating-stats";

/**
 * How a rating figure's interval is read, the same on the page and in the reports: the prompt
 * bootstrap's BCa interval, or below MIN_BOOTSTRAP_PROMPTS prompts (no bootstrap) Wilson over
 * prompts (a mean or a share) or Newcombe's interval (a difference). Pure.
 */
export function estimateInterval(e: EstimateWithInterval): { interval: Interval | null; method: string } {
  if (e.bootstrap) return { interval: e.bootstrap.bca, method: "bootstrap-bca" };
  if (e.wilsonPrompts) return { interval: e.wilsonPrompts, method: "wilson-prompts" };
  return { interval: null, method: "none" };
}

export function differenceInterval(d: RatingDifference): { interval: Interval | null; method: string } {
  if (d.bootstrap) return { interval: d.bootstrap.bca, method: "bootstrap-bca" };
  if (d.newcombePrompts) return { interval: d.newcombePrompts, method: "newcombe-prompts" };
  return { interval: null, method: "none" };
}

/** A number with `digits` decimals, or a dash. */
export const num = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);

/** "[lo, hi]" or a dash. */
export const bracket = (i: Interval | null, digits = 2) =>
  i ? `[${num(i.lower, digits)}, ${num(i.upper, digits)}]` : "–";

/** Whether an interval of a difference excludes zero (the difference is clear at the report's level). */
export const excludesZero = (i: Interval | null) => i !== null && (i.lower > 0 || i.upper < 0);
