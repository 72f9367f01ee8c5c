import { z } from "zod";
import { env } from "../../env";
import { literalHostRefusal } from "./address-policy";
import { parseBodyTemplate, templateUses, type BodyTemplate } from "./body-template";

/** `/v1/images/generations` of OpenAI and the many servers that copy its API. */
export const OPENAI_IMAGES_PATH = "/v1/images/generations";

const responseSchema = z.discriminatedUnion("type", [
  /** The body is the image itself (PNG, JPEG or WebP). */
  z.object({ type: z.literal("bytes") }),
  /** The body is JSON with base64 (optionally a data: URL) at a dotted path, e.g. `data.0.b64_json`. */
  z.object({ type: z.literal("json-base64"), path: z.string().min(1) }),
]);

const httpConfigObject = z.object({
  /** `openai-images`: fills url path, body template and response for `/v1/images/generations`. */
  preset: z.enum(["openai-images"]).optional(),
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }),
  headers: z.record(z.string(), z.string()).default({}),
  /** Sent as `Authorization: Bearer …`. Kept server-side; redactConfig() hides it. */
  apiKey: z.string().min(1).optional(),
  /** Model name for the preset's body (`"model": …`). */
  model: z.string().min(1).optional(),
  bodyTemplate: z.union([z.string().min(2), z.record(z.string(), z.unknown())]).optional(),
  response: responseSchema.optional(),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(30 * 60_000)
    .default(120_000),
  retries: z
    .object({
      max: z.number().int().min(0).max(20).default(3),
      baseDelayMs: z.number().int().min(0).max(60_000).default(500),
      maxDelayMs: z
        .number()
        .int()
        .min(0)
        .max(10 * 60_000)
        .default(20_000),
    })
    .default({ max: 3, baseDelayMs: 500, maxDelayMs: 20_000 }),
  concurrency: z.number().int().min(1).max(256).default(4),
  /** Reported as the image's modelVersion; defaults to the endpoint (and model name). */
  version: z.string().min(1).optional(),
  /** Largest image (in pixels) accepted from the server; guards against decompression bombs. */
  maxPixels: z
    .number()
    .int()
    .min(64)
    .default(4096 * 4096),
  /** Bodies larger than this are cut off with an error instead of filling the worker's memory. */
  maxResponseBytes: z
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
});
type RawHttpConfig = z.output<typeof httpConfigObject>;

export const httpConfigSchema = httpConfigObject
  .superRefine((cfg, ctx) => {
    // What can be told without DNS; names are checked (and every redirect) when a worker connects.
    const refusal = literalHostRefusal(new URL(cfg.url), env.MODEL_HOST_ALLOWLIST);
    if (refusal) {
      ctx.addIssue({
        code: "custom",
        path: ["url"],
        message: `points at a ${refusal} address; an operator can allow the host with MODEL_HOST_ALLOWLIST`,
      });
    }
    if (!cfg.preset && cfg.bodyTemplate === undefined) {
      ctx.addIssue({ code: "custom", path: ["bodyTemplate"], message: "required unless a preset is given" });
    }
    if (!cfg.preset && cfg.response === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["response"],
        message: "required unless a preset is given ({type: 'bytes'} or {type: 'json-base64', path})",
      });
    }
    if (cfg.bodyTemplate !== undefined) {
      try {
        parseBodyTemplate(cfg.bodyTemplate);
      } catch (err) {
        ctx.addIssue({ code: "custom", path: ["bodyTemplate"], message: (err as Error).message });
      }
    }
  })
  .transform(resolvePreset);

export type HttpConfigInput = z.input<typeof httpConfigSchema>;
export type HttpConfig = z.output<typeof httpConfigSchema>;

export interface ResolvedHttpConfig {
  url: string;
  headers: Record<string, string>;
  apiKey?: string;
  model?: string;
  /** Parsed template (a JSON value with placeholders). */
  body: unknown;
  sendsSeed: boolean;
  response: z.infer<typeof responseSchema>;
  timeoutMs: number;
  retries: { max: number; baseDelayMs: number; maxDelayMs: number };
  concurrency: number;
  version?: string;
  maxPixels: number;
  maxResponseBytes: number;
}

function resolvePreset(cfg: RawHttpConfig): ResolvedHttpConfig {
  let { url, bodyTemplate, response } = cfg;
  if (cfg.preset === "openai-images") {
    const u = new URL(url);
    if (!u.pathname.replace(/\/+$/, "").endsWith(OPENAI_IMAGES_PATH)) {
      u.pathname = u.pathname.replace(/\/+$/, "").replace(/\/v1$/, "") + OPENAI_IMAGES_PATH;
    }
    url = u.toString();
    // No "seed": OpenAI rejects unknown parameters. Servers that accept one can override the template.
    bodyTemplate ??= {
      ...(cfg.model ? { model: cfg.model } : {}),
      prompt: "{prompt}",
      n: 1,
      size: "{width}x{height}",
      response_format: "b64_json",
    };
    response ??= { type: "json-base64", path: "data.0.b64_json" };
  }
  const body = parseBodyTemplate(bodyTemplate as BodyTemplate);
  return {
    url,
    headers: cfg.headers,
    apiKey: cfg.apiKey,
    model: cfg.model,
    body,
    sendsSeed: templateUses(body, "seed"),
    response: response!,
    timeoutMs: cfg.timeoutMs,
    retries: cfg.retries,
    concurrency: cfg.concurrency,
    version: cfg.version,
    maxPixels: cfg.maxPixels,
    maxResponseBytes: cfg.maxResponseBytes,
  };
}
