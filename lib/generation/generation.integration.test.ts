import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { createCampaign } from "../campaigns/create-campaign";
import { enqueueCampaignJobs, retryFailedJobs } from "./enqueue-campaign-jobs";
import { recordJobFailure } from "./job-failure";
import { stopBoss } from "../queue/boss";
import { makeDemoModel, makePromptSet, makeUser } from "../../tests/support/factories";
import { spawnWorker, stopProcess, waitFor } from "../../tests/support/processes";

// Fast expiry and maintenance so a killed worker's jobs come back within seconds.
const WORKER_ENV = { GENERATION_JOB_EXPIRE_SECONDS: "4", QUEUE_MAINTENANCE_SECONDS: "1" };
process.env.GENERATION_JOB_EXPIRE_SECONDS = WORKER_ENV.GENERATION_JOB_EXPIRE_SECONDS;
process.env.QUEUE_MAINTENANCE_SECONDS = WORKER_ENV.QUEUE_MAINTENANCE_SECONDS;

afterAll(async () => {
  await stopBoss();
  await disconnectDb();
});

async function demoCampaign(prompts: number, seeds: number) {
  const owner = await makeUser("researcher");
  const set = await makePromptSet(prompts);
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  const { id } = await createCampaign(owner.id, {
    name: "gen",
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    seedsPerPrompt: seeds,
  });
  await db.campaign.update({ where: { id }, data: { status: "generating" } });
  return { campaignId: id, models, owner };
}

describe("generation with worker processes", () => {
  it("two workers make exactly one image per (model, prompt, seed), even when one is killed -9", async () => {
    const { campaignId } = await demoCampaign(20, 2);
    expect(await enqueueCampaignJobs(campaignId)).toBe(80);
    expect(await enqueueCampaignJobs(campaignId)).toBe(80); // enqueueing twice never doubles work

    const victim = spawnWorker(["--batch", "2"], WORKER_ENV);
    const survivor = spawnWorker(["--batch", "2"], WORKER_ENV);
    try {
      await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n >= 10,
        90_000,
        "the first images",
      );
      victim.kill("SIGKILL");
      const images = await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n >= 80,
        120_000,
        "all 80 images",
      );
      expect(images).toBe(80);
      await waitFor(
        () => db.generationJob.count({ where: { campaignId, status: "done" } }),
        (n) => n === 80,
        30_000,
        "all jobs done",
      );
    } finally {
      victim.kill("SIGKILL");
      await stopProcess(survivor);
    }

    const distinct = await db.image.groupBy({ by: ["modelId", "promptId", "seed"], where: { campaignId } });
    expect(distinct).toHaveLength(80);
    // Pairing runs a moment after the last batch (coalesced per campaign).
    expect(
      await waitFor(
        () => db.pair.count({ where: { campaignId } }),
        (n) => n >= 40,
        10_000,
        "40 pairs",
      ),
    ).toBe(40);
    expect(await db.generationJob.count({ where: { campaignId, status: { not: "done" } } })).toBe(0);
    const image = await db.image.findFirstOrThrow({ where: { campaignId } });
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(image.metadata).toMatchObject({ seed: image.seed, width: 64, height: 64 });
    expect(image.latencyMs).toBeGreaterThanOrEqual(0);
  }, 240_000);

  it("the same (prompt, seed) gives the same image bytes (deterministic generation)", async () => {
    const { campaignId } = await demoCampaign(2, 1);
    await enqueueCampaignJobs(campaignId);
    const worker = spawnWorker([], WORKER_ENV);
    try {
      await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n >= 4,
        90_000,
        "4 images",
      );
    } finally {
      await stopProcess(worker);
    }
    const { campaignId: again } = await demoCampaign(2, 1);
    // Same prompt texts (factories number them alike) and seeds, different campaign and models rows.
    await enqueueCampaignJobs(again);
    const second = spawnWorker([], WORKER_ENV);
    try {
      await waitFor(
        () => db.image.count({ where: { campaignId: again } }),
        (n) => n >= 4,
        90_000,
        "4 more images",
      );
    } finally {
      await stopProcess(second);
    }
    const hashes = async (id: string) =>
      (await db.image.findMany({ where: { campaignId: id }, include: { prompt: true, model: true } }))
        .map(
          (i) =>
            `${i.model!.config && (i.model!.config as { variant: string }).variant}|${i.prompt.text}|${i.seed}|${i.sha256}`,
        )
        .sort();
    expect(await hashes(again)).toEqual(await hashes(campaignId));
  }, 240_000);

  it("the retry button re-queues failed jobs (the ones named, or all), and a worker then makes their images", async () => {
    const { campaignId, models, owner } = await demoCampaign(2, 1);
    const prompts = await db.campaignPrompt.findMany({ where: { campaignId }, select: { promptId: true } });
    // Four running jobs whose generation failed, as the worker records it (recordJobFailure).
    await db.generationJob.createMany({
      data: prompts.flatMap(({ promptId }) =>
        models.map((m) => ({ campaignId, modelId: m.id, promptId, seed: 0, status: "running" as const, attempts: 5 })),
      ),
    });
    const failed = await db.generationJob.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    // pg-boss will retry: pending again, with its error; retries spent: failed for good.
    await recordJobFailure(failed[0].id, "server said 500", { final: false });
    expect(await db.generationJob.findUniqueOrThrow({ where: { id: failed[0].id } })).toMatchObject({
      status: "pending",
      lastError: "server said 500",
    });
    for (const job of failed) await recordJobFailure(job.id, "server said 500", { final: true });
    expect(
      await db.generationJob.count({ where: { campaignId, status: "failed", lastError: "server said 500" } }),
    ).toBe(4);

    expect(await retryFailedJobs(owner, campaignId, [failed[0].id])).toBe(1);
    expect(await retryFailedJobs(owner, campaignId, [failed[0].id])).toBe(0); // already re-queued: nothing doubles
    expect((await db.generationJob.findUniqueOrThrow({ where: { id: failed[0].id } })).status).toBe("pending");
    const worker = spawnWorker([], WORKER_ENV);
    try {
      await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n >= 1,
        90_000,
        "the one retried image",
      );
      expect(await db.generationJob.count({ where: { campaignId, status: "failed" } })).toBe(3);

      expect(await retryFailedJobs(owner, campaignId)).toBe(3);
      await waitFor(
        () => db.generationJob.count({ where: { campaignId, status: "done" } }),
        (n) => n === 4,
        90_000,
        "all four jobs done",
      );
    } finally {
      await stopProcess(worker);
    }
    expect(await db.image.count({ where: { campaignId } })).toBe(4);
  }, 240_000);
});
