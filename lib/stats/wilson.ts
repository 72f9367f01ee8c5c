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
