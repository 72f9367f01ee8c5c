import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";

/**
 * Local stand-ins for the model services Photogenic has presets for, each answering in its
 * documented shape (docs/MODELS.md cites them): OpenAI images, Replicate predictions, the fal
 * queue, Stability's v2beta stable-image generate, AUTOMATIC1111's sdapi/v1/txt2img, ComfyUI's
 * /prompt → /history → /view, and a plain diffusers server. Three servers on 127.0.0.1:
 *
 * - `services`: every service's API, on one port (paths tell them apart);
 * - `files`: where Replicate and fal put result images (another origin: no key may reach it);
 * - `internal`: a host no model may reach (not allow-listed), standing in for a metadata endpoint.
 *
 * The prompt picks what happens, so one campaign exercises every case:
 * - "busy": the first submit is answered 429 with `Retry-After: 1`, and (job services) the first
 *   status poll 503 with `Retry-After: 1`;
 * - "fail": the service fails in its documented way (an error status or a failed job with its message);
 * - "slow": the job never finishes (job services) or the request is never answered;
 * - "redirect": the image (or, for services answering with the image, the request) is redirected
 *   to the internal host;
 * - anything else: an image.
 */
export const INTERNAL_SECRET = "internal-secret-9c1e";
/** Failure messages the fake services report for a failed job. */
export const JOB_FAILURE = {
  replicate: "CUDA out of memory. Tried to allocate 2.00 GiB",
  fal: "Internal error while running the model: the runner crashed",
  comfyui: "Error while deserializing header: HeaderTooLarge",
} as const;

export interface RecordedRequest {
  server: "services" | "files";
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

interface Job {
  service: "replicate" | "fal" | "comfyui";
  prompt: string;
  polls: number;
  createdAt: number;
  cancelled: boolean;
  busyPollAnswered: boolean;
}

export interface FakeServices {
  base: string;
  filesBase: string;
  internalBase: string;
  /** `host:port` of the two reachable servers, for MODEL_HOST_ALLOWLIST. */
  allowlist: string;
  requests: RecordedRequest[];
  /** Jobs submitted and neither finished, failed nor cancelled, now and at most. */
  jobsInFlight: () => number;
  peakJobsInFlight: () => number;
  /** HTTP requests being answered at most at once. */
  peakRequestsInFlight: () => number;
  png: Buffer;
  reset: () => void;
  close: () => Promise<void>;
}

/** Polls before a job is done: the first shows it queued, the second running, the third done. */
const POLLS_TO_FINISH = 3;

/** `answerDelayMs`: every answer of the services waits this long (a service that takes its time). */
export async function startFakeServices(options: { answerDelayMs?: number } = {}): Promise<FakeServices> {
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#4a8" } })
    .png()
    .toBuffer();
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, Job>();
  const busySubmits = new Set<string>();
  let nextJob = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let peakJobs = 0;
  const openJobs = () =>
    [...jobs.values()].filter((j) => !j.cancelled && !j.prompt.includes("fail") && j.polls < POLLS_TO_FINISH).length;

  const internal = await listen(
    (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end(INTERNAL_SECRET),
  );
  const internalBase = baseOf(internal);

  const files = await listen(async (req, res) => {
    requests.push({
      server: "files",
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body: "",
      at: Date.now(),
    });
    if (req.url?.startsWith("/redirect/"))
      return void res.writeHead(302, { location: `${internalBase}/latest/meta-data/` }).end();
    res.writeHead(200, { "content-type": "image/png" }).end(png);
  });
  const filesBase = baseOf(files);

  const services = await listen(async (req, res) => {
    const body = await readBody(req);
    requests.push({
      server: "services",
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body,
      at: Date.now(),
    });
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.once("close", () => inFlight--);
    if (options.answerDelayMs) await new Promise((resolve) => setTimeout(resolve, options.answerDelayMs));
    const url = new URL(req.url ?? "/", "http://fake");
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
      void res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
    const imageUrl = (id: string, prompt: string) =>
      `${filesBase}/${prompt.includes("redirect") ? "redirect" : "out"}/${id}.png`;
    const submitPrompt = promptOf(body, req.headers["content-type"]);

    // Every submit: a "busy" prompt is refused once with 429 and Retry-After.
    const busyKey = `${url.pathname} ${submitPrompt}`;
    if (req.method === "POST" && submitPrompt?.includes("busy") && !busySubmits.has(busyKey)) {
      busySubmits.add(busyKey);
      return json(429, { detail: "Request was throttled." }, { "retry-after": "1" });
    }
    const sync = (answer: () => void) => {
      if (submitPrompt?.includes("slow")) return; // never answered
      if (submitPrompt?.includes("redirect"))
        return void res.writeHead(307, { location: `${internalBase}/latest/meta-data/` }).end();
      answer();
    };
    const newJob = (service: Job["service"]) => {
      const id = `${service === "comfyui" ? "c0ffee00-0000-4000-8000-" : "job"}${String(++nextJob).padStart(12, "0")}`;
      jobs.set(id, {
        service,
        prompt: submitPrompt ?? "",
        polls: 0,
        createdAt: Date.now(),
        cancelled: false,
        busyPollAnswered: false,
      });
      peakJobs = Math.max(peakJobs, openJobs());
      return id;
    };
    /** Counts a status poll; false when it was answered 503 (a "busy" job's first poll). */
    const poll = (job: Job) => {
      if (job.prompt.includes("busy") && !job.busyPollAnswered) {
        job.busyPollAnswered = true;
        json(503, { detail: "Service Unavailable" }, { "retry-after": "1" });
        return false;
      }
      if (!job.prompt.includes("slow") && !job.cancelled) job.polls++;
      return true;
    };

    // OpenAI images: {data: [{b64_json}]}, or {data: [{url}]} for response_format "url"; errors {error: {message, type}}.
    if (req.method === "POST" && url.pathname === "/v1/images/generations")
      return sync(() =>
        submitPrompt!.includes("fail")
          ? json(400, {
              error: { message: "Your request was rejected by the safety system.", type: "invalid_request_error" },
            })
          : JSON.parse(body).response_format === "url"
            ? json(200, { created: 1, data: [{ url: imageUrl(`img${++nextJob}`, submitPrompt!) }] })
            : json(200, { created: 1, data: [{ b64_json: png.toString("base64"), revised_prompt: submitPrompt }] }),
      );

    // Replicate predictions.
    if (
      req.method === "POST" &&
      (url.pathname === "/v1/predictions" || /^\/v1\/models\/[^/]+\/[^/]+\/predictions$/.test(url.pathname))
    ) {
      const id = newJob("replicate");
      return json(201, replicatePrediction(id, jobs.get(id)!, base()));
    }
    const replicate = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(url.pathname);
    if (replicate && jobs.get(replicate[1])?.service === "replicate") {
      const job = jobs.get(replicate[1])!;
      if (replicate[2] && req.method === "POST") {
        job.cancelled = true;
        return json(200, replicatePrediction(replicate[1], job, base()));
      }
      if (req.method === "GET" && poll(job))
        return json(200, replicatePrediction(replicate[1], job, base(), imageUrl(replicate[1], job.prompt)));
      return;
    }

    // fal queue: submit → {request_id, status_url, response_url, cancel_url}; status 202 until COMPLETED.
    const falRequest = /^\/fal-ai\/[^/]+\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(url.pathname);
    if (falRequest && jobs.get(falRequest[1])?.service === "fal") {
      const id = falRequest[1];
      const job = jobs.get(id)!;
      const urls = falUrls(base(), id);
      if (falRequest[2] === "/cancel" && req.method === "PUT") {
        job.cancelled = true;
        return json(202, { status: "CANCELLATION_REQUESTED" });
      }
      if (falRequest[2] === "/status" && req.method === "GET") {
        if (!poll(job)) return;
        if (job.polls < POLLS_TO_FINISH)
          return json(202, { status: job.polls < 2 ? "IN_QUEUE" : "IN_PROGRESS", queue_position: 0, ...urls });
        if (job.prompt.includes("fail"))
          return json(200, { status: "COMPLETED", error: JOB_FAILURE.fal, error_type: "runner_error", ...urls });
        return json(200, { status: "COMPLETED", metrics: { inference_time: 0.25 }, logs: null, ...urls });
      }
      if (!falRequest[2] && req.method === "GET")
        return json(200, {
          images: [{ url: imageUrl(id, job.prompt), width: 64, height: 64, content_type: "image/png" }],
          timings: { inference: 0.25 },
          seed: 1,
          has_nsfw_concepts: [false],
          prompt: job.prompt,
        });
    }
    if (req.method === "POST" && /^\/fal-ai\/[^/]+(\/[^/]+)?$/.test(url.pathname)) {
      const id = newJob("fal");
      return json(200, { request_id: id, status: "IN_QUEUE", queue_position: 0, ...falUrls(base(), id) });
    }

    // Stability v2beta: multipart form, accept image/* → the image, finish-reason and seed headers.
    if (req.method === "POST" && url.pathname.startsWith("/v2beta/stable-image/generate/"))
      return sync(() => {
        if (!String(req.headers["content-type"]).startsWith("multipart/form-data") || req.headers.accept !== "image/*")
          return json(400, {
            id: "e1",
            name: "bad_request",
            errors: ["expected multipart/form-data and accept image/*"],
          });
        if (submitPrompt!.includes("fail"))
          return json(400, { id: "e2", name: "bad_request", errors: ["prompt: rejected"] });
        res.writeHead(200, { "content-type": "image/png", "finish-reason": "SUCCESS", seed: "1" }).end(png);
      });

    // AUTOMATIC1111 / Forge: {images: [base64], parameters, info}.
    if (req.method === "POST" && url.pathname === "/sdapi/v1/txt2img")
      return sync(() =>
        submitPrompt!.includes("fail")
          ? json(500, { error: "OutOfMemoryError", detail: "", body: "", errors: "CUDA out of memory" })
          : json(200, { images: [png.toString("base64")], parameters: JSON.parse(body), info: "{}" }),
      );

    // ComfyUI: /prompt → {prompt_id}; /history/{id} is {} until the run ends; /view serves the file.
    if (req.method === "POST" && url.pathname === "/prompt") {
      const id = newJob("comfyui");
      return json(200, { prompt_id: id, number: nextJob, node_errors: {} });
    }
    const history = /^\/history\/([^/]+)$/.exec(url.pathname);
    if (history && req.method === "GET") {
      const job = jobs.get(history[1]);
      if (!job) return json(200, {});
      if (!poll(job)) return;
      if (job.polls < POLLS_TO_FINISH) return json(200, {});
      return json(200, { [history[1]]: comfyHistory(history[1], job) });
    }
    if (req.method === "GET" && url.pathname === "/view") {
      if (url.searchParams.get("filename")?.includes("redirect"))
        return void res.writeHead(302, { location: `${internalBase}/latest/meta-data/` }).end();
      return void res.writeHead(200, { "content-type": "image/png" }).end(png);
    }

    // A diffusers server: POST /generate → image/png.
    if (req.method === "POST" && url.pathname === "/generate")
      return sync(() =>
        submitPrompt!.includes("fail")
          ? void res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error")
          : void res.writeHead(200, { "content-type": "image/png" }).end(png),
      );

    json(404, { detail: "Not Found" });
  });
  const base = () => baseOf(services);

  return {
    base: base(),
    filesBase,
    internalBase,
    allowlist: [base(), filesBase].map((b) => new URL(b).host).join(","),
    requests,
    jobsInFlight: openJobs,
    peakJobsInFlight: () => peakJobs,
    peakRequestsInFlight: () => peakInFlight,
    png,
    reset: () => {
      requests.length = 0;
      jobs.clear();
      busySubmits.clear();
      peakInFlight = inFlight;
      peakJobs = openJobs();
    },
    close: async () => {
      for (const server of [services, files, internal]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

function replicatePrediction(id: string, job: Job, base: string, output?: string) {
  const iso = (offsetMs: number) => new Date(job.createdAt + offsetMs).toISOString();
  const status = job.cancelled
    ? "canceled"
    : job.polls === 0
      ? "starting"
      : job.polls < POLLS_TO_FINISH
        ? "processing"
        : job.prompt.includes("fail")
          ? "failed"
          : "succeeded";
  const done = status === "succeeded";
  return {
    id,
    model: "owner/model",
    version: "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
    input: { prompt: job.prompt },
    logs: "",
    output: done ? [output] : null,
    error: status === "failed" ? JOB_FAILURE.replicate : null,
    status,
    created_at: iso(0),
    // Reported timings: 0.5 s in the queue, 0.75 s predicting.
    started_at: job.polls > 0 ? iso(500) : null,
    completed_at: done ? iso(1250) : null,
    metrics: done ? { predict_time: 0.75 } : {},
    urls: {
      get: `${base}/v1/predictions/${id}`,
      cancel: `${base}/v1/predictions/${id}/cancel`,
      web: `https://replicate.example/p/${id}`,
    },
  };
}

function falUrls(base: string, id: string) {
  return {
    status_url: `${base}/fal-ai/flux/requests/${id}/status`,
    response_url: `${base}/fal-ai/flux/requests/${id}`,
    cancel_url: `${base}/fal-ai/flux/requests/${id}/cancel`,
  };
}

function comfyHistory(id: string, job: Job) {
  const failed = job.prompt.includes("fail");
  const file = job.prompt.includes("redirect") ? "redirect_00001_.png" : "ComfyUI_00001_.png";
  return {
    prompt: [1, id, {}, {}, ["9"]],
    outputs: failed ? {} : { "9": { images: [{ filename: file, subfolder: "", type: "output" }] } },
    status: {
      status_str: failed ? "error" : "success",
      completed: !failed,
      messages: [
        ["execution_start", { prompt_id: id, timestamp: 1 }],
        ["execution_cached", { nodes: [], prompt_id: id, timestamp: 2 }],
        failed
          ? [
              "execution_error",
              {
                prompt_id: id,
                node_id: "4",
                node_type: "CheckpointLoaderSimple",
                exception_message: JOB_FAILURE.comfyui,
                exception_type: "safetensors_rust.SafetensorError",
                traceback: ["…"],
              },
            ]
          : ["execution_success", { prompt_id: id, timestamp: 3 }],
      ],
    },
    meta: {},
  };
}

/** The prompt a submit carries, whatever the service's body shape (JSON or multipart). */
function promptOf(body: string, contentType: string | undefined): string | undefined {
  if (!body) return undefined;
  if (String(contentType).startsWith("multipart/form-data")) return /name="prompt"\r\n\r\n([^\r]*)\r\n/.exec(body)?.[1];
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const input = json.input as Record<string, unknown> | undefined;
    if (typeof json.prompt === "string") return json.prompt;
    if (input && typeof input.prompt === "string") return input.prompt;
    // ComfyUI: the workflow's text encoders; the positive prompt is the first non-empty one here.
    if (json.prompt && typeof json.prompt === "object")
      for (const node of Object.values(json.prompt as Record<string, { inputs?: { text?: unknown } }>))
        if (typeof node.inputs?.text === "string" && node.inputs.text) return node.inputs.text;
  } catch {
    return undefined;
  }
  return undefined;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

function baseOf(server: http.Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
