/**
 * RFC 4180 CSV writing: fields with a comma, quote, CR or LF — or space at either end, which
 * readers trim — are quoted with inner quotes doubled; records end with CRLF. No byte order mark:
 * pandas would read it into the first column's name.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}
