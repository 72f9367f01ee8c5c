/**
 * RFC 4180 CSV writing: fields with a comma, quote, CR or LF — or space at either end, which
 * readers trim — are quoted with inner quotes doubled; records end with CRLF. No byte order mark:
 * pandas would read it into the first column's name.
 *
 * CSV injection: spreadsheets run a cell that starts with = + - @ (or a tab or carriage return,
 * which some strip first) as a formula, and prompts, categories and model names come from users'
 * files. Such text cells get a leading single quote (OWASP's advice), which spreadsheets show as
 * text. Numbers, and text that is only a number ("-0.25"), are left alone: they cannot be formulas.
 * Every other value is written byte for byte as before.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}
