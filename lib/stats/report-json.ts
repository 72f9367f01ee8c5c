/** Significant digits kept for every non-integer number in a report. */
export const REPORT_SIGNIFICANT_DIGITS = 6;

/**
 * Turns a result into plain, stable JSON: non-integer numbers rounded to 6 significant digits
 * (integers — counts — stay exact), −0 → 0, NaN and ±Infinity → null, typed arrays → arrays,
 * undefined object fields dropped. Key order is the order the result objects were built in,
 * which the producers keep fixed, so equal inputs serialise to identical text.
 * Complexity: O(size of the value).
 */
export function toReportJson(value: unknown): unknown {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value)) return value === 0 ? 0 : value;
    const r = Number(value.toPrecision(REPORT_SIGNIFICANT_DIGITS));
    return r === 0 ? 0 : r;
  }
  if (value === null || typeof value !== "object") return value ?? null;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => toReportJson(x));
  if (Array.isArray(value)) return value.map((x) => toReportJson(x));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toReportJson(v);
  return out;
}
