import sharp from "sharp";
import type { AdapterLogger, GeneratedImage, GenerationRequest, ModelAdapter } from "../adapter";
import { silentLogger } from "../adapter";
import { ConcurrencyLimit } from "../concurrency-limit";
import { GenerationError } from "../errors";
import { redactUrl } from "../redact";
import { backoffDelayMs, parseRetryAfterMs, sleep } from "./backoff";
import { renderBody } from "./body-template";
import type { ResolvedHttpConfig } from "./config";
import { extractImage, HttpStatusError, type ImageResponse } from "./fetch-image";
import { previewText } from "../image-bytes";
import { env } from "../../env";
import { destroyAgents, guardedAgents, guardedRequest, type GuardedAgents } from "./guarded-request";

export interface HttpAdapterDeps {
  logger?: AdapterLogger;
  /** Injected for jitter-free tests; defaults to Math.random. */
  random?: () => number;
}

/** Calls an inference server the researcher already runs. Never logs headers or the API key. */
export class HttpAdapter implements ModelAdapter {
  readonly kind = "http";
  readonly computesLocally = false;
  private readonly limit: ConcurrencyLimit;
  private readonly logger: AdapterLogger;
  private readonly random: () => number;
  /** Aborts in-flight requests and backoff sleeps on dispose(). */
  private readonly lifetime = new AbortController();
  /** The endpoint without credentials, safe for logs and metadata. */
  private readonly endpoint: string;
  /** Connections of this adapter; each goes to an address checked against the SSRF policy. */
  private readonly agents: GuardedAgents;

  constructor(
    private readonly cfg: ResolvedHttpConfig,
    deps: HttpAdapterDeps = {},
  ) {
    this.limit = new ConcurrencyLimit(cfg.concurrency);
    this.logger = deps.logger ?? silentLogger;
    this.random = deps.random ?? Math.random;
    const u = new URL(redactUrl(cfg.url));
    this.endpoint = `${u.origin}${u.pathname}`;
    this.agents = guardedAgents(cfg.concurrency);
  }

  /** Nothing to warm: the server owns the weights. */
  async load(): Promise<void> {}

  get modelVersion(): string {
    return this.cfg.version ?? `${this.endpoint}${this.cfg.model ? `#${this.cfg.model}` : ""}`;
  }

  async generate(req: GenerationRequest): Promise<GeneratedImage> {
    const started = performance.now();
    const body = renderBody(this.cfg.body, {
      prompt: req.prompt,
      negative_prompt: req.params.negativePrompt,
      seed: req.seed,
      width: req.width,
      height: req.height,
      steps: req.params.steps,
      guidance: req.params.guidance,
    });

    let retries = 0;
    let response: ImageResponse;
    for (;;) {
      try {
        response = await this.limit.run(() => this.attempt(body));
        break;
      } catch (err) {
        const retryable = err instanceof GenerationError ? err.retryable : false;
        if (!retryable || retries >= this.cfg.retries.max || this.lifetime.signal.aborted) {
          if (retries > 0 && err instanceof Error)
            err.message += ` (after ${retries} ${retries === 1 ? "retry" : "retries"})`;
          throw err;
        }
        const backoff = backoffDelayMs(retries, this.cfg.retries, this.random);
        const hinted = err instanceof HttpStatusError ? err.retryAfterMs : undefined;
        const delay = hinted !== undefined ? Math.min(Math.max(hinted, backoff), this.cfg.retries.maxDelayMs) : backoff;
        retries++;
        this.logger.warn(
          { endpoint: this.endpoint, retry: retries, delayMs: delay, error: (err as Error).message },
          "http model: retrying",
        );
        await sleep(delay, this.lifetime.signal);
      }
    }

    const { png, width, height } = await toPng(response, this.cfg.maxPixels, this.endpoint);
    return {
      png,
      width,
      height,
      latencyMs: performance.now() - started,
      modelVersion: this.modelVersion,
      metadata: {
        adapter: this.kind,
        endpoint: this.endpoint,
        seed: req.seed,
        // Without {seed} in the template the server chose its own seed: results are not reproducible.
        seedSent: this.cfg.sendsSeed,
        attempts: retries + 1,
        retries,
        httpStatus: response.status,
        contentType: response.contentType,
        sourceFormat: response.format,
        ...(width !== req.width || height !== req.height
          ? { requestedWidth: req.width, requestedHeight: req.height }
          : {}),
      },
    };
  }

  private async attempt(body: string): Promise<ImageResponse> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error("timeout")), this.cfg.timeoutMs);
    const signal = AbortSignal.any([timeout.signal, this.lifetime.signal]);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "image/*, application/json",
      ...this.cfg.headers,
    };
    if (this.cfg.apiKey) headers.authorization = `Bearer ${this.cfg.apiKey}`;
    try {
      const res = await guardedRequest(this.cfg.url, {
        method: "POST",
        headers,
        body,
        signal,
        maxResponseBytes: this.cfg.maxResponseBytes,
        allowlist: env.MODEL_HOST_ALLOWLIST,
        agents: this.agents,
        where: this.endpoint,
      });
      const contentType = String(res.headers["content-type"] ?? "(none)");
      // Bodies never go into errors: they reach the campaign page, and a body from a host the
      // researcher should not reach must not be readable there. The worker's log has a preview.
      const described = `content-type "${contentType}", ${res.bytes.length} bytes`;
      if (res.status < 200 || res.status >= 300) {
        this.logBody(res.status, res.bytes);
        throw new HttpStatusError(
          res.status,
          `${this.endpoint}: HTTP ${res.status} ${res.statusText} (${described})`,
          parseRetryAfterMs(headerValue(res.headers["retry-after"])),
        );
      }
      try {
        return extractImage(res.bytes, contentType, res.status, this.cfg, this.endpoint);
      } catch (err) {
        this.logBody(res.status, res.bytes);
        throw err;
      }
    } catch (err) {
      if (err instanceof GenerationError) throw err;
      if (timeout.signal.aborted)
        throw new GenerationError(`${this.endpoint}: no response within ${this.cfg.timeoutMs} ms`, true, {
          cause: err,
        });
      if (this.lifetime.signal.aborted)
        throw new GenerationError(`${this.endpoint}: adapter disposed`, false, { cause: err });
      // Connection refused/reset, DNS failures and the like: the code says enough.
      const code = (err as NodeJS.ErrnoException).code;
      throw new GenerationError(`${this.endpoint}: request failed: ${code ?? (err as Error).message}`, true, {
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private logBody(status: number, bytes: Buffer): void {
    this.logger.warn({ endpoint: this.endpoint, status, body: previewText(bytes) }, "http model: unexpected response");
  }

  async dispose(): Promise<void> {
    this.lifetime.abort(new Error("disposed"));
    destroyAgents(this.agents);
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Keep PNGs byte-for-byte; re-encode JPEG/WebP so storage always receives a PNG. */
async function toPng(
  res: ImageResponse,
  maxPixels: number,
  where: string,
): Promise<{ png: Buffer; width: number; height: number }> {
  try {
    const image = sharp(res.bytes, { limitInputPixels: maxPixels, failOn: "truncated" });
    if (res.format === "png") {
      await image.clone().stats(); // full decode: catches truncated data, not just a valid header
      const meta = await image.metadata();
      return { png: res.bytes, width: meta.width, height: meta.height };
    }
    const { data, info } = await image.png().toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height };
  } catch (err) {
    throw new GenerationError(`${where}: response image does not decode: ${(err as Error).message}`, false, {
      cause: err,
    });
  }
}
