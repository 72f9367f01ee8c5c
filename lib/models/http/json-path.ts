/**
 * Read a value at a dotted path such as `data.0.b64_json` (numeric segments index arrays; `-1` is
 * the last element, as ComfyUI's status messages need). Returns `{ found: false, at }` naming the
 * first segment that did not exist, for error messages.
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
    const index = Array.isArray(container) ? arrayIndex(seg, container.length) : undefined;
    const has =
      container !== null &&
      typeof container === "object" &&
      (Array.isArray(container) ? index !== undefined : Object.hasOwn(container, seg));
    if (!has) {
      const keys = container && typeof container === "object" ? Object.keys(container).slice(0, 20) : [];
      return { found: false, at: segments.slice(0, i + 1).join("."), keys };
    }
    current = Array.isArray(container) ? container[index!] : (container as Record<string, unknown>)[seg];
  }
  return { found: true, value: current };
}

/** The value at `path`, or undefined when any segment is missing. */
export function valueAt(root: unknown, path: string): unknown {
  const found = readJsonPath(root, path);
  return found.found ? found.value : undefined;
}

function arrayIndex(seg: string, length: number): number | undefined {
  if (!/^-?\d+$/.test(seg)) return undefined;
  const n = Number(seg);
  const index = n < 0 ? length + n : n;
  return index >= 0 && index < length ? index : undefined;
}
