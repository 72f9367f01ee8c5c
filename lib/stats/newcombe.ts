import { wilsonInterval } from "./wilson";
import type { Interval } from "./types";

/**
 * Newcombe's hybrid score interval for the difference p₁ − p₂ of two independent proportions
 * (e.g. the win rates of two campaigns, or of two categories).
 * Definition: with Wilson limits (l₁, u₁) and (l₂, u₂),
 *   lower = d − √((p₁ − l₁)² + (u₂ − p₂)²),  upper = d + √((u₁ − p₁)² + (p₂ − l₂)²).
 * Reference: Newcombe (1998), "Interval estimation for the difference between independent
 * proportions", Stat. Med. 17:873–890, method 10.
 * Complexity: O(1).
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  level = 0.95,
): Interval & { estimate: number } {
  if (n1 <= 0 || n2 <= 0) throw new RangeError("newcombeDifference: both samples need n > 0");
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilsonInterval(x1, n1, level);
  const w2 = wilsonInterval(x2, n2, level);
  const d = p1 - p2;
  return {
    estimate: d,
    lower: d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}
