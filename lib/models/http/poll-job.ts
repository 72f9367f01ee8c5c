import { GenerationCancelled, GenerationError } from "../errors";
import { sleep } from "./backoff";
import type { ResolvedJob } from "./config";
import { parseJson, withJobId } from "./fetch-image";
import type { GuardedResponse } from "./guarded-request";
import { valueAt } from "./json-path";
import { contentTypeOf, type ServiceClient } from "./service-client";
import { safeJobId, serviceMessage } from "./service-message";

export interface SubmittedJob {
  /** The submit response, raw and parsed: a service may answer it finished already. */
  response: GuardedResponse;
  json: unknown;
  /** The URL that answered the submit (after redirects): relative URLs in it resolve against it. */
  answeredBy: URL;
  /** The model's URL: status URL templates resolve against it. */
  modelUrl: URL;
  submittedAt: number;
}

export interface FinishedJob {
  id?: string;
  /** The finished job's status response (raw and parsed), which holds the result or its URL. */
  final: GuardedResponse;
  finalJson: unknown;
  polls: number;
  pollRetries: number;
  /** Time waiting in the service's queue and generating, reported by it or seen by polling; null when unknown. */
  queueMs: number | null;
  generationMs: number | null;
}

export interface PollContext {
  client: ServiceClient;
  job: ResolvedJob;
  signal: AbortSignal;
  /** Asked between polls; false cancels the job (campaign paused or closed). */
  stillWanted?: () => Promise<boolean>;
  now?: () => number;
}

/**
 * Polls a job until its status is a done value, a failed value (the service's message kept,
 * cleaned), or the job's timeout, asking between polls whether the image is still wanted. The
 * interval starts at `pollIntervalMs` and grows by half each poll up to `maxPollIntervalMs`.
 * A poll answered 429, 503 (or another retryable failure) waits as Retry-After asks, or backs
 * off, and polls again; more than `retries.max` such failures in a row fail the job. A job that
 * times out or is no longer wanted is cancelled at the service when it has a cancel URL.
 */
export async function pollJob(submitted: SubmittedJob, ctx: PollContext): Promise<FinishedJob> {
  const { job, client } = ctx;
  const now = ctx.now ?? (() => performance.now());
  const where = client.endpoint;
  const id = jobIdOf(submitted.json, job, where);
  const statusUrl = urlOf(submitted, job.statusUrlPath, job.statusUrlTemplate, id, where, "status URL");
  const cancelUrl = job.cancelUrlPath
    ? optionalUrl(valueAt(submitted.json, job.cancelUrlPath), submitted.answeredBy)
    : undefined;
  const deadline = submitted.submittedAt + job.timeoutMs;
  const label = id ? `job ${id}` : "job";
  const cancel = () =>
    cancelUrl
      ? client
          .send(cancelUrl, { method: job.cancelMethod, accept: "application/json", what: "cancel" })
          .catch(() => undefined)
      : Promise.resolve(undefined);

  let runningSince: number | undefined;
  let polls = 0;
  let pollRetries = 0;
  /** The finished job, or undefined while it runs; throws for a failed one. */
  const examine = (res: GuardedResponse, json: unknown): FinishedJob | undefined => {
    const status = valueAt(json, withJobId(job.statusPath, id));
    const state = typeof status === "string" || typeof status === "number" ? String(status) : undefined;
    const message = job.errorPath ? serviceMessage(valueAt(json, withJobId(job.errorPath, id))) : undefined;
    if (state !== undefined && job.runningValues.includes(state)) runningSince ??= now();
    const failed = state !== undefined && job.failedValues.includes(state);
    const done = state !== undefined && job.doneValues.includes(state);
    // fal reports a failed request as COMPLETED with an error beside it.
    if (failed || (done && message))
      throw new GenerationError(
        `${where}: ${label} failed (status "${state}"): ${message ?? "the service gave no message"}`,
      );
    if (!done) return undefined;
    const seenDone = now();
    const reported = reportedTimings(json, job, id);
    return {
      id,
      final: res,
      finalJson: json,
      polls,
      pollRetries,
      queueMs:
        reported.queueMs ?? (runningSince === undefined ? null : Math.round(runningSince - submitted.submittedAt)),
      generationMs: reported.generationMs ?? (runningSince === undefined ? null : Math.round(seenDone - runningSince)),
    };
  };

  const answeredAlready = examine(submitted.response, submitted.json);
  if (answeredAlready) return answeredAlready;
  let delay = job.pollIntervalMs;
  let failuresInARow = 0;
  for (;;) {
    const left = deadline - now();
    if (left <= 0) {
      await cancel();
      throw new GenerationError(
        `${where}: ${label} did not finish within ${job.timeoutMs} ms (job.timeoutMs); cancelled`,
      );
    }
    await sleep(Math.min(delay, left), ctx.signal);
    if (ctx.stillWanted && !(await ctx.stillWanted())) {
      await cancel();
      throw new GenerationCancelled(`${where}: ${label} cancelled: the campaign is no longer generating`);
    }
    if (now() >= deadline) continue;
    let res: GuardedResponse;
    try {
      polls++;
      res = await client.send(statusUrl, { method: "GET", accept: "application/json", what: "status poll" });
      failuresInARow = 0;
    } catch (err) {
      const retryable = err instanceof GenerationError && err.retryable;
      if (!retryable || failuresInARow >= client.retryLimit) throw err;
      delay = client.retryDelay(failuresInARow, err);
      failuresInARow++;
      pollRetries++;
      continue;
    }
    const json = parseJson(res.bytes, contentTypeOf(res), `${where} status poll`, `a status at "${job.statusPath}"`);
    const finished = examine(res, json);
    if (finished) return finished;
    delay = Math.min(Math.round(delay * 1.5), job.maxPollIntervalMs);
  }
}

/** The id at `idPath` in the submit response; undefined when the job has no idPath. */
function jobIdOf(json: unknown, job: ResolvedJob, where: string): string | undefined {
  if (!job.idPath) return undefined;
  const id = safeJobId(valueAt(json, job.idPath));
  if (id === undefined)
    throw new GenerationError(`${where}: the submit response has no usable job id at "${job.idPath}" (job.idPath)`);
  return id;
}

function urlOf(
  submitted: SubmittedJob,
  path: string | undefined,
  template: string | undefined,
  id: string | undefined,
  where: string,
  what: string,
): URL {
  if (path) {
    const url = optionalUrl(valueAt(submitted.json, path), submitted.answeredBy);
    if (!url) throw new GenerationError(`${where}: the submit response has no ${what} at "${path}"`);
    return url;
  }
  return new URL(withJobId(template!, id, true), submitted.modelUrl);
}

export function optionalUrl(value: unknown, base: URL): URL | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/**
 * What the service says of its own timing: queue seconds, or started minus created; generation
 * seconds, or completed minus started. Null for whatever it does not report.
 */
function reportedTimings(
  json: unknown,
  job: ResolvedJob,
  id: string | undefined,
): { queueMs: number | null; generationMs: number | null } {
  const t = job.timings;
  const at = (path: string | undefined) => (path ? valueAt(json, withJobId(path, id)) : undefined);
  const seconds = (path: string | undefined) => {
    const v = at(path);
    return typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : null;
  };
  const time = (path: string | undefined) => {
    const v = at(path);
    const ms = typeof v === "string" ? Date.parse(v) : NaN;
    return Number.isNaN(ms) ? null : ms;
  };
  const between = (from: number | null, to: number | null) =>
    from !== null && to !== null && to >= from ? Math.round(to - from) : null;
  const [created, started, completed] = [time(t.createdAtPath), time(t.startedAtPath), time(t.completedAtPath)];
  return {
    queueMs: seconds(t.queueSecondsPath) ?? between(created, started),
    generationMs: seconds(t.generationSecondsPath) ?? between(started, completed),
  };
}
