/** The items of a comma-separated list, trimmed, the empty ones dropped (`"a, b,,"` → `["a", "b"]`). */
export function commaList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
