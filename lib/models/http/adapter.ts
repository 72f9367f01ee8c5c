import sharp from "sharp";
import type { AdapterLogger, GeneratedImage, GenerationRequest, ModelAdapter } from "../adapter";
import { silentLogger } from "../adapter";
import { ConcurrencyLimit } from "../concurrency-limit";
import { GenerationCancelled, GenerationError } from "../errors";
import { redactUrl } from "../redact";
import { aspectRatioOf, renderBody, renderValue, type TemplateValues } from "./body-template";
import type { ResolvedHttpConfig } from "./config";
import { extractImage, imageBytes, type ImageResponse, type ImageSource } from "./fetch-image";
import { destroyAgents, guardedAgents, type GuardedAgents, type GuardedResponse } from "./guarded-request";
import { multipartBody } from "./multipart";
import { optionalUrl, pollJob, type FinishedJob } from "./poll-job";
import { contentTypeOf, ServiceClient } from "./service-client";
import { valueAt } from "./json-path";

export interface HttpAdapterDeps {
  logger?: AdapterLogger;
  /** Injected for jitter-free tests; defaults to Math.random. */
  random?: () => number;
}

/**
 * Calls an inference server or service the researcher already uses: one request that answers
 * with the image (bytes, base64, or a URL fetched next), or a job that is submitted, polled and
 * then read (config `job`). Never logs headers or the API key.
 */
export class HttpAdapter implements ModelAdapter {
  readonly kind = "http";
  readonly computesLocally = false;
  /** Requests in flight, or for job services jobs in flight (submit to image), per adapter. */
  private readonly limit: ConcurrencyLimit;
  /** Aborts in-flight requests and backoff sleeps on dispose(). */
  private readonly lifetime = new AbortController();
  /** The endpoint without credentials, safe for logs and metadata. */
  private readonly endpoint: string;
  /** Connections of this adapter; each goes to an address checked against the SSRF policy. */
  private readonly agents: GuardedAgents;
  private readonly client: ServiceClient;

  constructor(
    private readonly cfg: ResolvedHttpConfig,
    deps: HttpAdapterDeps = {},
  ) {
    this.limit = new ConcurrencyLimit(cfg.concurrency);
    const u = new URL(redactUrl(cfg.url));
    this.endpoint = `${u.origin}${u.pathname}`;
    this.agents = guardedAgents(cfg.concurrency);
    this.client = new ServiceClient(
      cfg,
      this.agents,
      this.lifetime.signal,
      deps.logger ?? silentLogger,
      this.endpoint,
      deps.random ?? Math.random,
    );
  }

  /** Nothing to warm: the server owns the weights. */
  async load(): Promise<void> {}

  get modelVersion(): string {
    return this.cfg.version ?? `${this.endpoint}${this.cfg.model ? `#${this.cfg.model}` : ""}`;
  }

  generate(req: GenerationRequest): Promise<GeneratedImage> {
    return this.limit.run(() => this.produce(req));
  }

  private async produce(req: GenerationRequest): Promise<GeneratedImage> {
    const started = performance.now();
    if (req.stillWanted && !(await req.stillWanted()))
      throw new GenerationCancelled(`${this.endpoint}: not sent: the campaign is no longer generating`);
    const values: TemplateValues = {
      prompt: req.prompt,
      negative_prompt: req.params.negativePrompt,
      seed: req.seed,
      width: req.width,
      height: req.height,
      steps: req.params.steps,
      guidance: req.params.guidance,
      aspect_ratio: aspectRatioOf(req.width, req.height),
    };
    const request =
      this.cfg.bodyEncoding === "multipart"
        ? multipartBody(renderValue(this.cfg.body, values))
        : { body: renderBody(this.cfg.body, values), contentType: "application/json" };
    const modelUrl = new URL(this.cfg.url);

    let retries = 0;
    const submitted = await this.client.withRetries(
      () =>
        this.client.send(modelUrl, {
          method: "POST",
          body: request.body,
          contentType: request.contentType,
          accept: this.cfg.job ? "application/json" : this.cfg.accept,
        }),
      (n) => (retries = n),
    );
    const submittedAt = performance.now();

    let answer: GuardedResponse = submitted;
    let job: FinishedJob | undefined;
    if (this.cfg.job) {
      job = await pollJob(
        {
          response: submitted,
          json: this.json(submitted, "a job"),
          answeredBy: submitted.url,
          modelUrl,
          submittedAt,
        },
        { client: this.client, job: this.cfg.job, signal: this.lifetime.signal, stillWanted: req.stillWanted },
      );
      answer = job.final;
      const resultUrl = this.cfg.job.resultUrlPath
        ? optionalUrl(valueAt(job.finalJson, this.cfg.job.resultUrlPath), job.final.url)
        : undefined;
      if (this.cfg.job.resultUrlPath && !resultUrl)
        throw new GenerationError(
          `${this.endpoint}: the finished job has no result URL at "${this.cfg.job.resultUrlPath}"`,
        );
      if (resultUrl)
        answer = await this.client.withRetries(() =>
          this.client.send(resultUrl, { method: "GET", accept: this.cfg.accept, what: "result" }),
        );
    }

    const source = this.read(answer, job?.id);
    const fromUrl = "url" in source;
    const response = fromUrl ? await this.download(source.url) : source.image;
    const { png, width, height } = await toPng(response, this.cfg.maxPixels, this.endpoint);
    return {
      png,
      width,
      height,
      latencyMs: performance.now() - started,
      queueMs: job?.queueMs ?? null,
      generationMs: job?.generationMs ?? null,
      modelVersion: this.modelVersion,
      metadata: {
        adapter: this.kind,
        ...(this.cfg.preset ? { preset: this.cfg.preset } : {}),
        endpoint: this.endpoint,
        seed: req.seed,
        // Without {seed} in the template the server chose its own seed: results are not reproducible.
        seedSent: this.cfg.sendsSeed,
        attempts: retries + 1,
        retries,
        httpStatus: submitted.status,
        contentType: response.contentType,
        sourceFormat: response.format,
        ...(job ? { jobId: job.id ?? null, polls: job.polls, pollRetries: job.pollRetries } : {}),
        ...(fromUrl ? { imageFromUrl: true } : {}),
        ...(width !== req.width || height !== req.height
          ? { requestedWidth: req.width, requestedHeight: req.height }
          : {}),
      },
    };
  }

  /** The image, or its URL, from the final answer, logging (not echoing) a body that has none. */
  private read(answer: GuardedResponse, jobId: string | undefined): ImageSource {
    try {
      return extractImage(
        answer.bytes,
        contentTypeOf(answer),
        answer.status,
        this.cfg.response,
        this.endpoint,
        answer.url,
        jobId,
      );
    } catch (err) {
      this.client.logBody(this.endpoint, answer.status, answer.bytes);
      throw err;
    }
  }

  private json(res: GuardedResponse, what: string): unknown {
    try {
      return JSON.parse(res.bytes.toString("utf8"));
    } catch {
      this.client.logBody(this.endpoint, res.status, res.bytes);
      throw new GenerationError(
        `${this.endpoint}: expected ${what} as JSON but got content-type "${contentTypeOf(res)}", ${res.bytes.length} bytes that are not JSON`,
      );
    }
  }

  /** An image URL from the response, fetched like every request (address checks, size limit, retries). */
  private async download(url: URL): Promise<ImageResponse> {
    const res = await this.client.withRetries(() =>
      this.client.send(url, { method: "GET", accept: "image/*", what: "image download" }),
    );
    try {
      return imageBytes(res.bytes, contentTypeOf(res), res.status, `${this.endpoint} image download`);
    } catch (err) {
      this.client.logBody(`${this.endpoint} image download`, res.status, res.bytes);
      throw err;
    }
  }

  async dispose(): Promise<void> {
    this.lifetime.abort(new Error("disposed"));
    destroyAgents(this.agents);
  }
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
      // A full decode to a buffer catches truncated data (stats() let some through under load: import/check-image.ts).
      await image.clone().raw().toBuffer();
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
