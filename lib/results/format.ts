/**
 * How reports print numbers; the results page, the HTML report and the e2e check that every number
 * in the HTML equals the JSON all use these, so a printed figure is always the JSON value formatted.
 */
export const DASH = "–";

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? DASH : `${(100 * x).toFixed(digits)}%`;
}

export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined ? DASH : x.toFixed(digits);
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return DASH;
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? DASH : String(n);
}

/** Formats by name, so a number can carry its format in a data attribute and be checked. */
export const FORMATS = {
  pct,
  /** 1 − x as a percentage: a rate read from the other model's side (lib/results/criterion-reading.ts). */
  pctComplement: (x: number | null | undefined) => pct(x === null || x === undefined ? x : 1 - x),
  fixed1: (x: number | null | undefined) => fixed(x, 1),
  fixed3: (x: number | null | undefined) => fixed(x, 3),
  pValue,
  count,
} as const;
export type FormatName = keyof typeof FORMATS;
