import { GenerationError } from "../errors";
import { sniffRasterFormat, type RasterFormat } from "../image-bytes";
import { readJsonPath } from "./json-path";
import type { ResolvedHttpConfig } from "./config";

export interface ImageResponse {
  bytes: Buffer;
  format: RasterFormat;
  status: number;
  contentType: string;
}

/** Statuses worth retrying: timeouts, rate limits and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A non-2xx answer; `retryAfterMs` comes from the Retry-After header when present. */
export class HttpStatusError extends GenerationError {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message, isRetryableStatus(status));
    this.name = "HttpStatusError";
  }
}

/**
 * Pull the image out of a successful response body according to `response` config. Anything that
 * is not a PNG/JPEG/WebP — an HTML error page with status 200, JSON without the path, bad base64 —
 * becomes a GenerationError that says what kind of thing arrived (content type, size, the JSON
 * path that is missing), never what the body says: these messages reach the campaign page.
 */
export function extractImage(
  body: Buffer,
  contentType: string,
  status: number,
  cfg: ResolvedHttpConfig,
  where: string,
): ImageResponse {
  if (cfg.response.type === "bytes") {
    const format = sniffRasterFormat(body);
    if (!format) {
      throw new GenerationError(
        `${where}: expected image bytes (PNG, JPEG or WebP) but got content-type "${contentType}", ${body.length} bytes`,
      );
    }
    return { bytes: body, format, status, contentType };
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new GenerationError(
      `${where}: expected a JSON body with base64 at "${cfg.response.path}" but got content-type "${contentType}", ${body.length} bytes that are not JSON`,
    );
  }
  const found = readJsonPath(json, cfg.response.path);
  if (!found.found) {
    throw new GenerationError(
      `${where}: JSON response has no "${found.at}" (looking for "${cfg.response.path}"; ${found.keys.length} other keys there)`,
    );
  }
  if (typeof found.value !== "string") {
    throw new GenerationError(
      `${where}: "${cfg.response.path}" is ${found.value === null ? "null" : typeof found.value}, expected a base64 string`,
    );
  }
  const b64 = found.value.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) {
    throw new GenerationError(
      `${where}: "${cfg.response.path}" is not base64 (a ${found.value.length}-character string)`,
    );
  }
  const bytes = Buffer.from(b64, "base64");
  const format = sniffRasterFormat(bytes);
  if (!format) {
    throw new GenerationError(
      `${where}: base64 at "${cfg.response.path}" decodes to ${bytes.length} bytes that are not a PNG, JPEG or WebP image`,
    );
  }
  return { bytes, format, status, contentType };
}
