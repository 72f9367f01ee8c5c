/**
 * Sample quantile of ascending-sorted values, linear interpolation between order statistics
 * (Hyndman & Fan 1996, "Sample quantiles in statistical packages", Am. Stat. 50:361–365, type 7 —
 * the default of R and NumPy).
 * Definition: h = (n − 1)·q; Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋).
 * Complexity: O(1) on sorted input.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const qq = Math.min(1, Math.max(0, q));
  const h = (n - 1) * qq;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Ascending copy without NaN values. Complexity: O(n log n). */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}
