/** Placeholder written instead of a secret. */
export const REDACTED = "[redacted]";

const SECRET_KEY = /(api[-_]?key|token|secret|password|passwd|authorization|cookie|credential|private[-_]?key)/i;
/** Header values that are safe to show; every other header value may carry a credential. */
const SAFE_HEADERS = new Set(["content-type", "accept", "accept-encoding", "user-agent"]);

/**
 * Copy of a model config that is safe to log or send to a browser: secret-looking keys, all header
 * values except a few harmless ones, URL passwords and secret-looking query parameters are replaced.
 * Redaction is by name, so a new secret field only needs a name that says what it is.
 */
export function redactConfig<T>(config: T): T {
  return redactValue(config, undefined) as T;
}

function redactValue(value: unknown, key: string | undefined): unknown {
  if (key !== undefined && SECRET_KEY.test(key) && value !== undefined && value !== null && value !== "")
    return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, undefined));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k.toLowerCase() === "headers" && v && typeof v === "object" && !Array.isArray(v)) {
        out[k] = Object.fromEntries(
          Object.entries(v).map(([h, hv]) => [h, SAFE_HEADERS.has(h.toLowerCase()) ? hv : REDACTED]),
        );
      } else {
        out[k] = redactValue(v, k);
      }
    }
    return out;
  }
  if (typeof value === "string" && /^https?:\/\//i.test(value)) return redactUrl(value);
  return value;
}

/** Hide `user:password@` and secret-looking query parameters such as `?api_key=…`. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.password) url.password = REDACTED;
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_KEY.test(name) || /^(key|sig|signature)$/i.test(name)) url.searchParams.set(name, REDACTED);
  }
  return url.toString();
}
