import { z } from "zod";
import { env } from "../../env";
import { literalHostRefusal } from "./address-policy";
import { parseBodyTemplate, TEMPLATE_PLACEHOLDERS, templateUses, type BodyTemplate } from "./body-template";
import { comfyNodesSchema } from "./comfyui-workflow";
import { PresetError } from "./preset-error";
import { HTTP_PRESETS, presetDefaults, type HttpPreset, type PresetDefaults } from "./presets";

export { OPENAI_IMAGES_PATH } from "./presets";

const responseSchema = z.discriminatedUnion("type", [
  /** The body is the image itself (PNG, JPEG or WebP). */
  z.object({ type: z.literal("bytes") }),
  /** The body is JSON with base64 (optionally a data: URL) at a dotted path, e.g. `data.0.b64_json`. */
  z.object({ type: z.literal("json-base64"), path: z.string().min(1) }),
  /**
   * The body is JSON with the image's URL at a dotted path (a list of URLs: its first), fetched
   * like any request of the model (address checks, size limit); a `data:` URL is decoded. With
   * `urlTemplate`, the value at the path is an object whose fields fill the template
   * (ComfyUI: `/view?filename={filename}&subfolder={subfolder}&type={type}`).
   */
  z.object({ type: z.literal("json-url"), path: z.string().min(1), urlTemplate: z.string().min(1).optional() }),
]);
export type ResponseSpec = z.infer<typeof responseSchema>;

/** Paths into the finished job's status JSON; see docs/MODELS.md "Cost and time". */
const timingsSchema = z.object({
  queueSecondsPath: z.string().min(1).optional(),
  generationSecondsPath: z.string().min(1).optional(),
  createdAtPath: z.string().min(1).optional(),
  startedAtPath: z.string().min(1).optional(),
  completedAtPath: z.string().min(1).optional(),
});

/**
 * Services that take a job and answer later. Paths are dotted JSON paths; `{id}` in a path or a
 * URL template is the job id read at `idPath` from the submit response. Every field is optional
 * here so that a config can override one field of its preset's job.
 */
const jobSchema = z.object({
  idPath: z.string().min(1).optional(),
  /** Where the submit response names the status URL (Replicate `urls.get`, fal `status_url`)… */
  statusUrlPath: z.string().min(1).optional(),
  /** …or a template, relative to `url` (ComfyUI `/history/{id}`). */
  statusUrlTemplate: z.string().min(1).optional(),
  /** The status value in the status response; missing means not finished yet. */
  statusPath: z.string().min(1).optional(),
  doneValues: z.array(z.string().min(1)).min(1).optional(),
  failedValues: z.array(z.string().min(1)).optional(),
  /** Values meaning the service started generating: the queue wait ends there. */
  runningValues: z.array(z.string().min(1)).optional(),
  /** The service's own failure message (kept, truncated and cleaned, in the job's error). */
  errorPath: z.string().min(1).optional(),
  /** Where a finished status names the URL of the result JSON (fal `response_url`); else the status holds it. */
  resultUrlPath: z.string().min(1).optional(),
  cancelUrlPath: z.string().min(1).optional(),
  cancelMethod: z.enum(["POST", "PUT", "DELETE"]).optional(),
  pollIntervalMs: z.number().int().min(10).max(60_000).optional(),
  maxPollIntervalMs: z
    .number()
    .int()
    .min(10)
    .max(10 * 60_000)
    .optional(),
  /** The whole job, submit to image, after which it is cancelled and fails. */
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(6 * 60 * 60_000)
    .optional(),
  timings: timingsSchema.optional(),
});
export type JobInput = z.input<typeof jobSchema>;

export const AUTH_STYLES = ["bearer", "key", "token", "basic", "header"] as const;
export type AuthStyle = (typeof AUTH_STYLES)[number];
export type BodyEncoding = "json" | "multipart";

const httpConfigObject = z
  .object({
    preset: z
      .enum(HTTP_PRESETS)
      .optional()
      .describe(
        "A known service: fills the URL path, body, auth style, accept, response (and job polling); empty: describe the request yourself",
      ),
    url: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
      .describe("The endpoint, or with a preset the service's address (e.g. https://api.openai.com)"),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .describe('Extra request headers as JSON, e.g. {"X-Team": "eval"}'),
    /** Kept server-side; redactConfig() hides it. */
    apiKey: z
      .string()
      .min(1)
      .optional()
      .describe("The service's key: stored apart from the config and never shown again; sent as auth says"),
    /**
     * How the key is sent: `Authorization: Bearer …` (default), `Key …` (fal), `Token …`,
     * `Basic base64(apiKey)` for a `user:password` key (AUTOMATIC1111 --api-auth), or as the value
     * of the header named by `authHeader`. Only to the origin of `url`, never to image hosts.
     */
    auth: z
      .enum(AUTH_STYLES)
      .optional()
      .describe("How the key is sent (empty: the preset's, else bearer); header: in the header named by authHeader"),
    authHeader: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, "a header name")
      .optional()
      .describe('The header that carries the key when auth is "header"'),
    model: z
      .string()
      .min(1)
      .optional()
      .describe("Model name or id for the preset's body or path (OpenAI, Replicate, fal, Stability)"),
    bodyTemplate: z
      .union([z.string().min(2), z.record(z.string(), z.unknown())])
      .optional()
      .describe(
        `The request body as JSON with placeholders ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(" ")}; required without a preset`,
      ),
    bodyEncoding: z
      .enum(["json", "multipart"])
      .optional()
      .describe("multipart: the template's top-level fields are sent as form fields (Stability)"),
    accept: z
      .string()
      .min(1)
      .optional()
      .describe("The Accept header (empty: the preset's, else image/*, application/json)"),
    response: responseSchema
      .optional()
      .describe(
        'Where the image is in the answer, as JSON: {"type": "bytes"}, {"type": "json-base64", "path": "data.0.b64_json"} or {"type": "json-url", "path": …}; required without a preset',
      ),
    job: jobSchema
      .optional()
      .describe("For services that take a job and answer later: how to poll it, as JSON (docs/MODELS.md)"),
    workflow: z.record(z.string(), z.unknown()).optional().describe("ComfyUI: the workflow in API format, as JSON"),
    workflowNodes: comfyNodesSchema
      .optional()
      .describe("ComfyUI: which workflow nodes take the prompt and seed, as JSON"),
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(30 * 60_000)
      .default(120_000)
      .describe("Per request (submit, poll, image download), in milliseconds"),
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
      .default({ max: 3, baseDelayMs: 500, maxDelayMs: 20_000 })
      .describe('Retries of a failed request, as JSON: {"max": 3, "baseDelayMs": 500, "maxDelayMs": 20000}'),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(4)
      .describe("Requests (for job services: jobs) in flight per worker process"),
    version: z
      .string()
      .min(1)
      .optional()
      .describe("Reported as the images' model version; empty: the endpoint (and model name)"),
    pricePerImage: z
      .number()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe("What one image costs at the service, in your currency: the campaign page adds it up"),
    maxPixels: z
      .number()
      .int()
      .min(64)
      .default(4096 * 4096)
      .describe("Largest image (in pixels) accepted from the server; guards against decompression bombs"),
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024)
      .describe("Bodies larger than this are cut off with an error instead of filling the worker's memory"),
  })
  .describe("A model behind an HTTP API: a known service (preset) or any endpoint you describe");
type RawHttpConfig = z.output<typeof httpConfigObject>;

export interface ResolvedJob {
  idPath?: string;
  statusUrlPath?: string;
  statusUrlTemplate?: string;
  statusPath: string;
  doneValues: string[];
  failedValues: string[];
  runningValues: string[];
  errorPath?: string;
  resultUrlPath?: string;
  cancelUrlPath?: string;
  cancelMethod: "POST" | "PUT" | "DELETE";
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  timeoutMs: number;
  timings: z.infer<typeof timingsSchema>;
}

export interface ResolvedHttpConfig {
  preset?: HttpPreset;
  url: string;
  headers: Record<string, string>;
  apiKey?: string;
  auth: AuthStyle;
  authHeader?: string;
  model?: string;
  /** Parsed template (a JSON value with placeholders). */
  body: unknown;
  bodyEncoding: BodyEncoding;
  accept: string;
  sendsSeed: boolean;
  response: ResponseSpec;
  job?: ResolvedJob;
  timeoutMs: number;
  retries: { max: number; baseDelayMs: number; maxDelayMs: number };
  concurrency: number;
  version?: string;
  pricePerImage?: number;
  maxPixels: number;
  maxResponseBytes: number;
}

const JOB_DEFAULTS = { pollIntervalMs: 1000, maxPollIntervalMs: 10_000, timeoutMs: 10 * 60_000 } as const;

export const httpConfigSchema = httpConfigObject
  .superRefine((cfg, ctx) => {
    // What can be told without DNS; names are checked (and every redirect) when a worker connects.
    // zod runs this even when `url` failed (a bare "api.example.com"), which the url field reports.
    const refusal = URL.canParse(cfg.url) && literalHostRefusal(new URL(cfg.url), env.MODEL_HOST_ALLOWLIST);
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
        message:
          "required unless a preset is given ({type: 'bytes'}, {type: 'json-base64', path} or {type: 'json-url', path})",
      });
    }
    if (cfg.auth === "header" && !cfg.authHeader)
      ctx.addIssue({ code: "custom", path: ["authHeader"], message: 'required with auth "header"' });
    if (cfg.bodyTemplate !== undefined) {
      try {
        parseBodyTemplate(cfg.bodyTemplate);
      } catch (err) {
        ctx.addIssue({ code: "custom", path: ["bodyTemplate"], message: (err as Error).message });
      }
    }
  })
  .transform((cfg, ctx) => {
    try {
      return resolveConfig(cfg);
    } catch (err) {
      if (!(err instanceof PresetError)) throw err;
      ctx.addIssue({ code: "custom", path: err.field.split("."), message: err.message, input: cfg });
      return z.NEVER;
    }
  });

export type HttpConfigInput = z.input<typeof httpConfigSchema>;
export type HttpConfig = z.output<typeof httpConfigSchema>;

/** The config with its preset's defaults under it: every field the config sets wins. */
function resolveConfig(cfg: RawHttpConfig): ResolvedHttpConfig {
  const preset: PresetDefaults = cfg.preset ? presetDefaults(cfg.preset, cfg) : {};
  let body: unknown;
  try {
    body = parseBodyTemplate((cfg.bodyTemplate ?? preset.body) as BodyTemplate);
  } catch (err) {
    // A preset body only fails on what the config put in it (a ComfyUI workflow's own text).
    throw new PresetError(cfg.preset === "comfyui" ? "workflow" : "model", (err as Error).message);
  }
  const job = resolveJob(cfg.job, preset.job);
  const response = (cfg.response ?? preset.response)!;
  if (response.type !== "bytes" && response.path.includes("{id}") && !job?.idPath)
    throw new PresetError("response.path", "{id} is only known for a job with idPath");
  return {
    preset: cfg.preset,
    url: withPresetPath(cfg.url, preset),
    headers: cfg.headers,
    apiKey: cfg.apiKey,
    auth: cfg.auth ?? preset.auth ?? "bearer",
    authHeader: cfg.authHeader,
    model: cfg.model,
    body,
    bodyEncoding: cfg.bodyEncoding ?? preset.bodyEncoding ?? "json",
    accept: cfg.accept ?? preset.accept ?? "image/*, application/json",
    sendsSeed: templateUses(body, "seed"),
    response,
    job,
    timeoutMs: cfg.timeoutMs,
    retries: cfg.retries,
    concurrency: cfg.concurrency,
    version: cfg.version,
    pricePerImage: cfg.pricePerImage,
    maxPixels: cfg.maxPixels,
    maxResponseBytes: cfg.maxResponseBytes,
  };
}

function withPresetPath(raw: string, preset: PresetDefaults): string {
  if (!preset.path) return raw;
  const url = new URL(raw);
  const path = url.pathname.replace(/\/+$/, "");
  if (preset.forcePathSuffix) {
    if (!path.endsWith(preset.path)) url.pathname = path.replace(/\/v1$/, "") + preset.path;
  } else if (path === "") {
    url.pathname = preset.path;
  }
  return url.toString();
}

function resolveJob(own: JobInput | undefined, preset: JobInput | undefined): ResolvedJob | undefined {
  if (!own && !preset) return undefined;
  const job = { ...JOB_DEFAULTS, ...preset, ...own, timings: { ...preset?.timings, ...own?.timings } };
  if (!job.statusUrlPath && !job.statusUrlTemplate)
    throw new PresetError("job.statusUrlPath", "a job needs statusUrlPath or statusUrlTemplate");
  if (!job.statusPath) throw new PresetError("job.statusPath", "a job needs statusPath");
  if (!job.doneValues) throw new PresetError("job.doneValues", "a job needs doneValues");
  const usesId = [job.statusUrlTemplate, job.statusPath, job.errorPath].some((p) => p?.includes("{id}"));
  if (usesId && !job.idPath) throw new PresetError("job.idPath", "{id} is used, so idPath is needed");
  return {
    ...job,
    statusPath: job.statusPath,
    doneValues: job.doneValues,
    failedValues: job.failedValues ?? [],
    runningValues: job.runningValues ?? [],
    cancelMethod: job.cancelMethod ?? "POST",
    maxPollIntervalMs: Math.max(job.maxPollIntervalMs, job.pollIntervalMs),
  };
}

/** A model's price per image, from any stored config (only http models have one); undefined if none. */
export function pricePerImageOf(config: unknown): number | undefined {
  const parsed = z.object({ pricePerImage: z.number().min(0) }).safeParse(config);
  return parsed.success ? parsed.data.pricePerImage : undefined;
}
