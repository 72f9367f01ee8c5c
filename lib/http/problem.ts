import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { logger } from "../logger";

/**
 * API answers are small JSON: `no-transform` keeps Next's gzip off them, which cost the voting
 * API a tenth of its CPU (a zlib stream per response) to save a few hundred bytes. Large
 * downloads (exports, reports) set their own headers and stay compressed.
 */
export const API_CACHE_CONTROL = "no-store, no-transform";

/**
 * RFC 9457 problem+json for an AppError; unknown errors become a logged, opaque 500.
 * `extensions` are extra members of the problem (RFC 9457 §3.2), e.g. a refused import's report.
 */
export function problemResponse(error: unknown, extensions: Record<string, unknown> = {}): Response {
  const appError =
    error instanceof AppError ? error : error instanceof z.ZodError ? AppError.fromZod(error) : undefined;
  if (!appError) {
    logger.error({ err: error }, "unhandled error");
    return problem(500, "INTERNAL", "Internal error", []);
  }
  return problem(appError.status, appError.code, appError.message, appError.issues, extensions);
}

function problem(
  status: number,
  code: string,
  detail: string,
  issues: unknown[],
  extensions: Record<string, unknown> = {},
): Response {
  const body = { type: `about:blank#${code}`, title: code, status, detail, issues, ...extensions };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": API_CACHE_CONTROL },
  });
}

/** Read a JSON body with a size cap and parse it with zod; every failure is a 4xx naming the field. */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  maxBytes = 64 * 1024,
): Promise<z.output<T>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Body must be application/json");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `Body larger than ${maxBytes} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new AppError("BAD_REQUEST", `Body is not valid JSON: ${(e as Error).message}`, [
      { field: "(body)", message: "invalid JSON" },
    ]);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "request body");
  return parsed.data;
}
