import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { setEnv } from "../env";
import { createCampaign } from "../campaigns/create-campaign";
import { registerModel } from "../model-registry/register-model";
import { enqueueCampaignJobs } from "./enqueue-campaign-jobs";
import { stopBoss } from "../queue/boss";
import { makePromptSet, makeUser, uid } from "../../tests/support/factories";
import { startFakeServices, type FakeServices } from "../../tests/support/fake-model-services";
import { spawnWorker, stopProcess, waitFor } from "../../tests/support/processes";

// Fast expiry and maintenance so a killed worker's jobs come back within seconds.
const WORKER_ENV = { GENERATION_JOB_EXPIRE_SECONDS: "4", QUEUE_MAINTENANCE_SECONDS: "1" };
process.env.GENERATION_JOB_EXPIRE_SECONDS = WORKER_ENV.GENERATION_JOB_EXPIRE_SECONDS;
process.env.QUEUE_MAINTENANCE_SECONDS = WORKER_ENV.QUEUE_MAINTENANCE_SECONDS;

let fake: FakeServices;
beforeAll(async () => {
  // Each answer takes 100 ms, so the run lasts long enough to kill a worker in the middle of it.
  fake = await startFakeServices({ answerDelayMs: 100 });
  setEnv("MODEL_HOST_ALLOWLIST", fake.allowlist);
});
afterAll(async () => {
  await stopBoss();
  await disconnectDb();
  await fake?.close();
});

describe("http models with worker processes", () => {
  it("a campaign of three services (synchronous bytes, an image URL, a polled job) makes every image exactly once with two workers, one killed -9", async () => {
    const owner = await makeUser("researcher");
    const register = async (name: string, config: Record<string, unknown>) =>
      (
        await registerModel(owner.id, {
          name: uid(`${name}-`),
          kind: "http",
          config: { url: fake.base, concurrency: 2, ...config },
          defaultParams: { width: 64, height: 64 },
        })
      ).id;
    const models = [
      await register("diffusers", { preset: "diffusers", pricePerImage: 0.002 }),
      await register("openai-url", {
        preset: "openai-images",
        apiKey: "sk-test",
        bodyTemplate: { prompt: "{prompt}", n: 1, size: "{width}x{height}", response_format: "url" },
        response: { type: "json-url", path: "data.0.url" },
      }),
      await register("replicate", {
        preset: "replicate",
        apiKey: "r8_test",
        model: "owner/model",
        job: { pollIntervalMs: 100, maxPollIntervalMs: 200 },
        pricePerImage: 0.003,
      }),
    ];
    const set = await makePromptSet(20);
    const { id: campaignId } = await createCampaign(owner.id, {
      name: "services",
      promptSetId: set.id,
      modelIds: models,
      seedsPerPrompt: 1,
    });
    await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
    expect(await enqueueCampaignJobs(campaignId)).toBe(60);

    // The workers inherit MODEL_HOST_ALLOWLIST (set above): the fake services are on loopback.
    const victim = spawnWorker(["--batch", "4"], WORKER_ENV);
    const survivor = spawnWorker(["--batch", "4"], WORKER_ENV);
    try {
      const atKill = await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n >= 12,
        90_000,
        "the first images",
      );
      victim.kill("SIGKILL");
      expect(atKill, "the worker was killed in the middle of the run").toBeLessThan(60);
      await waitFor(
        () => db.generationJob.count({ where: { campaignId, status: "done" } }),
        (n) => n === 60,
        120_000,
        "all 60 jobs done",
      );
    } finally {
      victim.kill("SIGKILL");
      await stopProcess(survivor);
    }
    const images = await db.image.findMany({ where: { campaignId } });
    expect(images).toHaveLength(60);
    const distinct = new Set(images.map((i) => `${i.modelId}|${i.promptId}|${i.seed}`));
    expect(distinct.size).toBe(60);
    for (const modelId of models) expect(images.filter((i) => i.modelId === modelId)).toHaveLength(20);
    // The polled job's timings come from the service; the synchronous ones have none.
    const replicate = images.filter((i) => i.modelId === models[2]);
    expect(replicate.every((i) => i.queueMs === 500 && i.generationMs === 750)).toBe(true);
    expect(images.filter((i) => i.modelId !== models[2]).every((i) => i.queueMs === null)).toBe(true);
    const viaUrl = images.filter((i) => i.modelId === models[1]);
    expect(viaUrl.every((i) => (i.metadata as { imageFromUrl?: boolean }).imageFromUrl === true)).toBe(true);
  }, 240_000);
});
