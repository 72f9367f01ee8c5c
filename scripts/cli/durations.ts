/**
 * `90d`, `12w`, `1y` (or a bare number of days) → whole days; `never` → undefined. Expiries on
 * the command line (tokens, join links) are whole days, as on the web forms.
 */
export function parseDays(flag: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim().toLowerCase() === "never") return undefined;
  const match = /^\s*(\d+)\s*([dwy]?)\s*$/i.exec(value);
  if (!match || Number(match[1]) < 1)
    throw new Error(`${flag}: expected a duration like 30d, 12w or 1y (or "never"), got "${value}"`);
  const unit = { "": 1, d: 1, w: 7, y: 365 }[match[2].toLowerCase() as "" | "d" | "w" | "y"];
  return Number(match[1]) * unit;
}
