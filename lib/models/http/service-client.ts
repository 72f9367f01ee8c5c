import { env } from "../../env";
import type { AdapterLogger } from "../adapter";
import { GenerationError } from "../errors";
import { previewText } from "../image-bytes";
import { backoffDelayMs, parseRetryAfterMs, sleep } from "./backoff";
import type { ResolvedHttpConfig } from "./config";
import { HttpStatusError } from "./fetch-image";
import { guardedRequest, type GuardedAgents, type GuardedResponse } from "./guarded-request";

export interface SendOptions {
  method: "GET" | "POST" | "PUT" | "DELETE";
  body?: string | Buffer;
  contentType?: string;
  accept: string;
  /** Which request this is, for messages ("status poll", "image download"); none for the submit. */
  what?: string;
}

/**
 * Requests of one http model: every one through the guarded request (address checks on each
 * hop, size limit), with the per-request timeout, and the key and configured headers sent only
 * to the model URL's own origin (never to the hosts that serve result images). A non-2xx answer
 * becomes an HttpStatusError that names the status, content type and size, never the body: job
 * errors are shown on the campaign page. The worker's log gets a preview.
 */
export class ServiceClient {
  private readonly origin: string;

  constructor(
    private readonly cfg: ResolvedHttpConfig,
    private readonly agents: GuardedAgents,
    private readonly lifetime: AbortSignal,
    private readonly logger: AdapterLogger,
    /** The endpoint without credentials, safe for messages. */
    readonly endpoint: string,
    private readonly random: () => number,
  ) {
    this.origin = new URL(cfg.url).origin;
  }

  /** Retries allowed in a row (submit, image download, status polls). */
  get retryLimit(): number {
    return this.cfg.retries.max;
  }

  async send(url: URL, options: SendOptions): Promise<GuardedResponse> {
    const where = options.what ? `${this.endpoint} ${options.what}` : this.endpoint;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error("timeout")), this.cfg.timeoutMs);
    const signal = AbortSignal.any([timeout.signal, this.lifetime]);
    const headers: Record<string, string> = {
      accept: options.accept,
      ...(options.contentType ? { "content-type": options.contentType } : {}),
      ...(url.origin === this.origin ? { ...this.cfg.headers, ...this.authHeader() } : {}),
    };
    try {
      const res = await guardedRequest(url.toString(), {
        method: options.method,
        headers,
        body: options.body,
        signal,
        maxResponseBytes: this.cfg.maxResponseBytes,
        allowlist: env.MODEL_HOST_ALLOWLIST,
        agents: this.agents,
        where,
      });
      if (res.status < 200 || res.status >= 300) {
        this.logBody(where, res.status, res.bytes);
        throw new HttpStatusError(
          res.status,
          `${where}: HTTP ${res.status} ${res.statusText} (${describe(res)})`,
          parseRetryAfterMs(headerValue(res.headers["retry-after"])),
        );
      }
      return res;
    } catch (err) {
      if (err instanceof GenerationError) throw err;
      if (timeout.signal.aborted)
        throw new GenerationError(`${where}: no response within ${this.cfg.timeoutMs} ms`, true, { cause: err });
      if (this.lifetime.aborted) throw new GenerationError(`${where}: adapter disposed`, false, { cause: err });
      // Connection refused/reset, DNS failures and the like: the code says enough.
      const code = (err as NodeJS.ErrnoException).code;
      throw new GenerationError(`${where}: request failed: ${code ?? (err as Error).message}`, true, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs `attempt` again after retryable failures (timeouts, connection errors, 408, 429, 5xx),
   * at most `retries.max` times, waiting with exponential backoff and jitter, or as long as
   * Retry-After asks (up to `retries.maxDelayMs`). The error says how many retries were made.
   */
  async withRetries<T>(attempt: () => Promise<T>, onRetry?: (retry: number) => void): Promise<T> {
    for (let retries = 0; ; retries++) {
      try {
        return await attempt();
      } catch (err) {
        const retryable = err instanceof GenerationError ? err.retryable : false;
        if (!retryable || retries >= this.cfg.retries.max || this.lifetime.aborted) {
          if (retries > 0 && err instanceof Error)
            err.message += ` (after ${retries} ${retries === 1 ? "retry" : "retries"})`;
          throw err;
        }
        const delay = this.retryDelay(retries, err);
        onRetry?.(retries + 1);
        this.logger.warn(
          { endpoint: this.endpoint, retry: retries + 1, delayMs: delay, error: (err as Error).message },
          "http model: retrying",
        );
        await sleep(delay, this.lifetime);
      }
    }
  }

  /** Backoff for the `retry`-th retry (from 0), stretched to what Retry-After asks, within maxDelayMs. */
  retryDelay(retry: number, err: unknown): number {
    const backoff = backoffDelayMs(retry, this.cfg.retries, this.random);
    const hinted = err instanceof HttpStatusError ? err.retryAfterMs : undefined;
    return hinted !== undefined ? Math.min(Math.max(hinted, backoff), this.cfg.retries.maxDelayMs) : backoff;
  }

  logBody(where: string, status: number, bytes: Buffer): void {
    this.logger.warn({ endpoint: where, status, body: previewText(bytes) }, "http model: unexpected response");
  }

  private authHeader(): Record<string, string> {
    const key = this.cfg.apiKey;
    if (!key) return {};
    switch (this.cfg.auth) {
      case "bearer":
        return { authorization: `Bearer ${key}` };
      case "key":
        return { authorization: `Key ${key}` };
      case "token":
        return { authorization: `Token ${key}` };
      case "basic":
        return { authorization: `Basic ${Buffer.from(key, "utf8").toString("base64")}` };
      case "header":
        return { [this.cfg.authHeader!.toLowerCase()]: key };
    }
  }
}

export function describe(res: GuardedResponse): string {
  return `content-type "${contentTypeOf(res)}", ${res.bytes.length} bytes`;
}

export function contentTypeOf(res: GuardedResponse): string {
  return String(res.headers["content-type"] ?? "(none)");
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
