import "server-only";
import type PgBoss from "pg-boss";
import { db } from "../db";
import { logger } from "../logger";
import { getBoss, isGenerateQueue, generateQueueFor, stopBoss, ensureQueue } from "../queue/boss";
import { AdapterCache } from "./adapter-cache";
import type { GenerateJobData } from "./enqueue-campaign-jobs";
import { recordJobFailure } from "./job-failure";
import { runGenerationJobs } from "./run-generation-jobs";
import { listenForQueues } from "../queue/wake-up";
import { sweepRecentCampaigns } from "./on-images-recorded";
import { beat, registerWorker, unregisterWorker } from "./worker-heartbeat";
import { claimSize, type WorkerOptions } from "./worker-options";

const HEARTBEAT_MS = 10_000;
const HEALTH_MS = 60_000;
const DISCOVER_MS = 5_000;
const SWEEP_MS = 2_000;
/**
 * Each sweep covers the jobs finished since the previous sweep began, plus this margin for
 * transactions that were still committing; a new worker first looks back further, for work left
 * by workers that died while none was running.
 */
const SWEEP_MARGIN_SECONDS = 10;
const SWEEP_CATCH_UP_SECONDS = 120;
/**
 * Idle queues are polled only as a safety net: new jobs wake the pollers through NOTIFY
 * (lib/queue/wake-up.ts), and a full batch fetches again at once. What polling alone finds is a
 * retry whose backoff ended, a job re-delivered after its worker died, or a notification lost
 * while the listener reconnected. Every served model has a poller, so a short interval costs a
 * query per model twice a second on every worker.
 */
const IDLE_POLL_SECONDS = 5;

export interface RunningWorker {
  id: string;
  stop: () => Promise<void>;
}

/**
 * A generation worker: claims batches from the per-model queues it serves (all models, or the
 * ones named by --models), runs them on warm adapters, reports outcomes to pg-boss (retry with
 * backoff; a job whose worker died is re-delivered after its expiry), heartbeats, and logs a
 * health line per minute. stop() stops claiming, lets the jobs in hand finish, then exits.
 */
export async function startGenerationWorker(options: WorkerOptions): Promise<RunningWorker> {
  const boss = await getBoss();
  const id = await registerWorker(options.device, options.models);
  const adapters = new AdapterCache({ device: options.device as "cpu", logger, threaded: true });
  const log = logger.child({ worker: id });
  /** Queue name → the pg-boss worker ids polling it here. */
  const served = new Map<string, string[]>();
  let lastSweepStart = Date.now() - SWEEP_CATCH_UP_SECONDS * 1000;
  // Durations from this host's clock, compared on the database's clock: hosts' clocks may differ.
  const sweep = async () => {
    const started = Date.now();
    await sweepRecentCampaigns((started - lastSweepStart) / 1000 + SWEEP_MARGIN_SECONDS);
    lastSweepStart = started;
  };
  let done = 0;
  let failed = 0;
  let unreportedDone = 0;
  let unreportedFailed = 0;
  let windowStart = Date.now();
  let windowDone = 0;

  const handler = async (jobs: PgBoss.JobWithMetadata<GenerateJobData>[], batchSize: number) => {
    const queue = jobs[0]?.name;
    const outcomes = await runGenerationJobs(
      jobs.map((j) => j.data.generationJobId),
      { adapters, workerId: id, maxBatch: batchSize },
    );
    for (const outcome of outcomes) {
      const job = jobs.find((j) => j.data.generationJobId === outcome.generationJobId)!;
      if (outcome.ok) {
        if (!outcome.skipped) {
          done++;
          unreportedDone++;
          windowDone++;
        }
        continue;
      }
      failed++;
      unreportedFailed++;
      if (outcome.cancelled) {
        // The campaign was paused or completed: failed (its retry button re-queues it), and the
        // queue must not retry it meanwhile.
        await recordJobFailure(outcome.generationJobId, outcome.error, { final: true });
        await boss.complete(queue, job.id);
        log.info({ job: outcome.generationJobId }, "generation cancelled: the campaign is no longer generating");
        continue;
      }
      const final = job.retryCount >= job.retryLimit;
      // pg-boss retries it (with backoff) unless its retries are spent: then it is failed for good.
      await recordJobFailure(outcome.generationJobId, outcome.error, { final });
      await boss.fail(queue, job.id, { error: outcome.error });
      log.warn({ job: outcome.generationJobId, final, error: outcome.error }, "generation failed");
    }
  };

  const serve = async () => {
    const models = await db.model.findMany({
      where: options.models.length ? { name: { in: options.models } } : {},
      select: { id: true, name: true, config: true },
    });
    for (const model of models) {
      const queue = generateQueueFor(model.id);
      if (served.has(queue) || !isGenerateQueue(queue)) continue;
      await ensureQueue(queue);
      const batchSize = claimSize(options.batch, model.config);
      const pollers: string[] = [];
      served.set(queue, pollers);
      for (let i = 0; i < options.concurrency; i++) {
        let workerId = "";
        workerId = await boss.work<GenerateJobData>(
          queue,
          { batchSize, pollingIntervalSeconds: IDLE_POLL_SECONDS, includeMetadata: true },
          async (jobs) => {
            await handler(jobs, batchSize);
            // A full batch means more are waiting: fetch again at once instead of sleeping out the
            // polling interval, which would otherwise cap throughput at one batch per interval.
            if (jobs.length === batchSize) boss.notifyWorker(workerId);
          },
        );
        pollers.push(workerId);
      }
      log.info({ model: model.name, batchSize }, "serving model");
    }
  };
  await serve();
  // Jobs just queued wake this worker's pollers of that queue at once (lib/queue/wake-up.ts).
  const listener = listenForQueues(
    (queue) => served.get(queue)?.forEach((poller) => boss.notifyWorker(poller)),
    (error) => log.warn({ err: error.message }, "queue listener reconnecting"),
  );

  const timers = [
    setInterval(() => void serve().catch((e) => log.error({ err: e }, "model discovery failed")), DISCOVER_MS),
    setInterval(() => void sweep().catch((e) => log.error({ err: e }, "pairing sweep failed")), SWEEP_MS),
    setInterval(() => {
      const [d, f] = [unreportedDone, unreportedFailed];
      unreportedDone = unreportedFailed = 0;
      void beat(id, d, f).catch(() => {
        unreportedDone += d;
        unreportedFailed += f;
      });
    }, HEARTBEAT_MS),
    setInterval(() => {
      const seconds = (Date.now() - windowStart) / 1000;
      log.info(
        { jobsDone: done, failures: failed, imagesPerSecond: Number((windowDone / seconds).toFixed(3)) },
        "health",
      );
      windowStart = Date.now();
      windowDone = 0;
    }, HEALTH_MS),
  ];
  log.info({ device: options.device, models: options.models, concurrency: options.concurrency }, "worker started");

  let stopping: Promise<void> | undefined;
  return {
    id,
    stop: () =>
      (stopping ??= (async () => {
        timers.forEach(clearInterval);
        await listener.stop();
        await stopBoss(); // graceful: waits for the batches in hand
        await sweep().catch(() => {});
        await beat(id, unreportedDone, unreportedFailed).catch(() => {});
        await unregisterWorker(id).catch(() => {});
        await adapters.disposeAll();
        log.info({ jobsDone: done, failures: failed }, "worker stopped");
      })()),
  };
}
