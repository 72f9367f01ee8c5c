import { GenerationError } from "../errors";
import { sniffRasterFormat, type RasterFormat } from "../image-bytes";
import { readJsonPath } from "./json-path";
import type { ResponseSpec } from "./config";

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

/** Where the image is, once a response has been read: in hand, or behind a URL still to fetch. */
export type ImageSource = { image: ImageResponse } | { url: URL };

/**
 * Pull the image (or its URL) out of a successful response body according to `response` config.
 * Anything that is not a PNG/JPEG/WebP — an HTML error page with status 200, JSON without the
 * path, bad base64 — becomes a GenerationError that says what kind of thing arrived (content
 * type, size, the JSON path that is missing), never what the body says: these messages reach the
 * campaign page. `jobId` fills `{id}` in paths (ComfyUI keys its history by the job id).
 */
export function extractImage(
  body: Buffer,
  contentType: string,
  status: number,
  spec: ResponseSpec,
  where: string,
  answeredBy: URL,
  jobId?: string,
): ImageSource {
  if (spec.type === "bytes") return { image: imageBytes(body, contentType, status, where) };
  const json = parseJson(body, contentType, where, spec);
  return imageFromJson(json, spec, where, answeredBy, jobId, status, contentType);
}

/** Bytes that must be an image, recognised by their magic bytes. */
export function imageBytes(body: Buffer, contentType: string, status: number, where: string): ImageResponse {
  const format = sniffRasterFormat(body);
  if (!format) {
    throw new GenerationError(
      `${where}: expected image bytes (PNG, JPEG or WebP) but got content-type "${contentType}", ${body.length} bytes`,
    );
  }
  return { bytes: body, format, status, contentType };
}

/** A JSON body, or an error naming what was expected and what kind of thing came. */
export function parseJson(body: Buffer, contentType: string, where: string, expected: ResponseSpec | string): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    const what =
      typeof expected === "string"
        ? expected
        : expected.type === "json-url"
          ? `an image URL at "${expected.path}"`
          : `base64 at "${expected.type === "json-base64" ? expected.path : ""}"`;
    throw new GenerationError(
      `${where}: expected a JSON body with ${what} but got content-type "${contentType}", ${body.length} bytes that are not JSON`,
    );
  }
}

export function imageFromJson(
  json: unknown,
  spec: Exclude<ResponseSpec, { type: "bytes" }>,
  where: string,
  answeredBy: URL,
  jobId: string | undefined,
  status: number,
  contentType: string,
): ImageSource {
  const path = withJobId(spec.path, jobId);
  const found = readJsonPath(json, path);
  if (!found.found) {
    throw new GenerationError(
      `${where}: JSON response has no "${found.at}" (looking for "${path}"; ${found.keys.length} other keys there)`,
    );
  }
  // Replicate's `output` is a list of URLs for most image models: the first is the image.
  const value = Array.isArray(found.value) && spec.type === "json-url" ? found.value[0] : found.value;
  if (spec.type === "json-url" && spec.urlTemplate)
    return { url: fromTemplate(spec.urlTemplate, value, path, where, answeredBy) };
  if (typeof value !== "string") {
    throw new GenerationError(
      `${where}: "${path}" is ${value === null ? "null" : typeof value}, expected ${spec.type === "json-url" ? "a URL" : "a base64 string"}`,
    );
  }
  if (spec.type === "json-url" && !value.startsWith("data:")) {
    let url: URL;
    try {
      url = new URL(value, answeredBy);
    } catch {
      throw new GenerationError(`${where}: "${path}" is not a URL (a ${value.length}-character string)`);
    }
    return { url };
  }
  const b64 = value.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) {
    throw new GenerationError(`${where}: "${path}" is not base64 (a ${value.length}-character string)`);
  }
  const bytes = Buffer.from(b64, "base64");
  const format = sniffRasterFormat(bytes);
  if (!format) {
    throw new GenerationError(
      `${where}: base64 at "${path}" decodes to ${bytes.length} bytes that are not a PNG, JPEG or WebP image`,
    );
  }
  return { image: { bytes, format, status, contentType } };
}

/** `{id}` in a JSON path or URL template is the job id. */
export function withJobId(template: string, jobId: string | undefined, encode = false): string {
  if (jobId === undefined) return template;
  return template.replaceAll("{id}", encode ? encodeURIComponent(jobId) : jobId);
}

/** An image URL built from the fields of an object (ComfyUI's {filename, subfolder, type}). */
function fromTemplate(template: string, value: unknown, path: string, where: string, base: URL): URL {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new GenerationError(`${where}: "${path}" is not an object with the fields of the image URL`);
  const fields = value as Record<string, unknown>;
  const missing: string[] = [];
  const filled = template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const field = fields[name];
    if (typeof field !== "string" && typeof field !== "number") {
      missing.push(name);
      return "";
    }
    return encodeURIComponent(String(field));
  });
  if (missing.length)
    throw new GenerationError(`${where}: "${path}" has no ${missing.map((m) => `"${m}"`).join(", ")}`);
  return new URL(filled, base);
}
