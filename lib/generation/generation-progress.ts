import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { ACTIVE_SECONDS_PER_MODEL } from "./statements";
import type { CurrentUser } from "../auth/guard";
import { campaignNotFound, ownedBy } from "../campaigns/owned-campaign";
import { generationCosts, type ModelGenerationCost } from "./generation-cost";

export interface ModelProgress {
  modelId: string;
  model: string;
  total: number;
  done: number;
  failed: number;
  running: number;
  pending: number;
  /** Images done per second of the model's active generation time (imagesPerSecond). */
  imagesPerSecond: number;
  /** Seconds during which at least one of the model's jobs was running. */
  activeSeconds: number;
  etaSeconds: number | null;
  /** Mean seconds per image, and of that queue wait and generation where the service reports them. */
  secondsPerImage: ModelGenerationCost["secondsPerImage"];
  queueSecondsPerImage: ModelGenerationCost["queueSecondsPerImage"];
  generationSecondsPerImage: ModelGenerationCost["generationSecondsPerImage"];
  pricePerImage: number | null;
  cost: number | null;
}

export interface GenerationProgress {
  campaignId: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  /** Generation cost so far over the models with a `pricePerImage`; null when none has one. */
  cost: number | null;
  models: ModelProgress[];
  failures: { jobId: string; model: string; promptId: string; seed: number; attempts: number; error: string | null }[];
  workers: { id: string; device: string; lastSeenAt: string; jobsDone: number }[];
}

const WORKER_STALE_SECONDS = 30;

/**
 * Generation speed: images done over the seconds the model's jobs were active (ACTIVE_SECONDS_PER_MODEL:
 * the union of their running intervals), so a short burst reads as its true speed and an idle
 * spell does not dilute it — not a fixed trailing window. 0 before any active second.
 */
export function imagesPerSecond(done: number, activeSeconds: number): number {
  return activeSeconds > 0 ? done / activeSeconds : 0;
}

/** Per-model generation progress for the researcher: counts, throughput, ETA, failures, workers. */
export async function generationProgress(user: CurrentUser, campaignId: string): Promise<GenerationProgress> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    select: {
      status: true,
      models: {
        orderBy: { position: "asc" },
        select: { model: { select: { id: true, name: true, config: true } } },
      },
    },
  });
  if (!campaign) throw campaignNotFound();
  const counts = await db.generationJob.groupBy({
    by: ["modelId", "status"],
    where: { campaignId },
    _count: { _all: true },
  });
  // By the database clock, which stamped the jobs.
  const active = await run(ACTIVE_SECONDS_PER_MODEL, [campaignId], db);
  const costs = await generationCosts(
    campaignId,
    campaign.models.map(({ model }) => model),
  );
  const models = campaign.models.map(({ model }) => {
    const of = (status: string) => counts.find((c) => c.modelId === model.id && c.status === status)?._count._all ?? 0;
    const [done, failed, running, pending] = [of("done"), of("failed"), of("running"), of("pending")];
    const total = done + failed + running + pending;
    const activeSeconds = active.find((r) => r.modelId === model.id)?.seconds ?? 0;
    const rate = imagesPerSecond(done, activeSeconds);
    const remaining = pending + running;
    const cost = costs.models.find((c) => c.modelId === model.id)!;
    return {
      modelId: model.id,
      model: model.name,
      total,
      done,
      failed,
      running,
      pending,
      imagesPerSecond: Number(rate.toFixed(3)),
      activeSeconds: Number(activeSeconds.toFixed(1)),
      etaSeconds: remaining === 0 ? 0 : rate > 0 ? Math.round(remaining / rate) : null,
      secondsPerImage: cost.secondsPerImage,
      queueSecondsPerImage: cost.queueSecondsPerImage,
      generationSecondsPerImage: cost.generationSecondsPerImage,
      pricePerImage: cost.pricePerImage,
      cost: cost.cost,
    };
  });
  const failures = await db.generationJob.findMany({
    where: { campaignId, status: "failed" },
    take: 50,
    orderBy: { finishedAt: "desc" },
    select: {
      id: true,
      seed: true,
      attempts: true,
      lastError: true,
      model: { select: { name: true } },
      prompt: { select: { externalId: true } },
    },
  });
  const workers = await db.workerProcess.findMany({
    where: { stoppedAt: null, lastSeenAt: { gte: new Date(Date.now() - WORKER_STALE_SECONDS * 1000) } },
    orderBy: { startedAt: "asc" },
  });
  return {
    campaignId,
    status: campaign.status,
    total: models.reduce((s, m) => s + m.total, 0),
    done: models.reduce((s, m) => s + m.done, 0),
    failed: models.reduce((s, m) => s + m.failed, 0),
    cost: costs.cost,
    models,
    failures: failures.map((f) => ({
      jobId: f.id,
      model: f.model.name,
      promptId: f.prompt.externalId,
      seed: f.seed,
      attempts: f.attempts,
      error: f.lastError,
    })),
    workers: workers.map((w) => ({
      id: w.id,
      device: w.device,
      lastSeenAt: w.lastSeenAt.toISOString(),
      jobsDone: w.jobsDone,
    })),
  };
}
