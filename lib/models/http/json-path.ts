/**
 * Read a value at a dotted path such as `data.0.b64_json` (numeric segments index arrays).
 * Returns `{ found: false, at }` naming the first segment that did not exist, for error messages.
 */
export function readJsonPath(
  root: unknown,
  path: string,
): { found: true; value: unknown } | { found: false; at: string; keys: string[] } {
  let current: unknown = root;
  const segments = path.split(".").filter(Boolean);
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const container = current as Record<string, unknown> | unknown[] | null;
    const has =
      container !== null &&
      typeof container === "object" &&
      (Array.isArray(container) ? /^\d+$/.test(seg) && Number(seg) < container.length : Object.hasOwn(container, seg));
    if (!has) {
      const keys = container && typeof container === "object" ? Object.keys(container).slice(0, 20) : [];
      return { found: false, at: segments.slice(0, i + 1).join("."), keys };
    }
    current = Array.isArray(container) ? container[Number(seg)] : (container as Record<string, unknown>)[seg];
  }
  return { found: true, value: current };
}
