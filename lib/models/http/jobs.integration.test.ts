import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db";
import { setEnv } from "../../env";
import { createCampaign } from "../../campaigns/create-campaign";
import { AdapterCache } from "../../generation/adapter-cache";
import { runGenerationJobs } from "../../generation/run-generation-jobs";
import { registerModel } from "../../model-registry/register-model";
import { makePromptSet, makeUser, uid } from "../../../tests/support/factories";
import { startFakeServices, type FakeServices } from "../../../tests/support/fake-model-services";

/**
 * Job services through the worker's job path: cancelled when the campaign stops generating, and
 * never more jobs (or requests) in flight than the model's `concurrency`. Fake Replicate
 * (tests/support/fake-model-services.ts): a "slow" prompt's prediction never finishes.
 */
let fake: FakeServices;
beforeAll(async () => {
  fake = await startFakeServices();
  setEnv("MODEL_HOST_ALLOWLIST", fake.allowlist);
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

async function replicateCampaign(prompts: string[], config: Record<string, unknown> = {}) {
  const owner = await makeUser("researcher");
  const model = async () =>
    registerModel(owner.id, {
      name: uid("replicate-"),
      kind: "http",
      config: {
        preset: "replicate",
        url: fake.base,
        apiKey: "r8_test",
        model: "owner/model",
        job: { pollIntervalMs: 20, maxPollIntervalMs: 40, timeoutMs: 30_000 },
        ...config,
      },
      defaultParams: { width: 64, height: 64 },
    });
  const [a, b] = [await model(), await model()];
  const set = await makePromptSet(prompts.length);
  for (const [i, text] of prompts.entries())
    await db.prompt.update({ where: { id: set.prompts[i].id }, data: { text } });
  const { id: campaignId } = await createCampaign(owner.id, {
    name: "jobs",
    promptSetId: set.id,
    modelIds: [a.id, b.id],
    seedsPerPrompt: 1,
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  await db.generationJob.createMany({
    data: set.prompts.map((p) => ({ campaignId, modelId: a.id, promptId: p.id, seed: 0 })),
  });
  const jobIds = (await db.generationJob.findMany({ where: { campaignId }, select: { id: true } })).map((j) => j.id);
  return { campaignId, jobIds };
}

describe("job services in a campaign", () => {
  it("cancels a job being polled when the campaign is paused, and says why (the worker records it as failed)", async () => {
    const { campaignId, jobIds } = await replicateCampaign(["slow: a harbour at night"]);
    const adapters = new AdapterCache({});
    try {
      const running = runGenerationJobs(jobIds, { adapters, workerId: "jobs-test" });
      await until(() => fake.requests.some((r) => r.path.startsWith("/v1/predictions/")), "the first status poll");
      await db.campaign.update({ where: { id: campaignId }, data: { status: "paused" } });
      const [outcome] = await running;
      expect(outcome).toMatchObject({
        ok: false,
        cancelled: true,
        error: expect.stringMatching(/cancelled: the campaign is no longer generating/),
      });
    } finally {
      await adapters.disposeAll();
    }
    // The runner returns failures and the worker writes them (recordJobFailure): the job was claimed, not done.
    const job = await db.generationJob.findUniqueOrThrow({ where: { id: jobIds[0] } });
    expect(job.status).toBe("running");
    expect(fake.requests.filter((r) => r.method === "POST" && /\/cancel$/.test(r.path))).toHaveLength(1);
    expect(await db.image.count({ where: { campaignId } })).toBe(0);
  });

  it("sends nothing for a campaign that is already completed", async () => {
    const { campaignId, jobIds } = await replicateCampaign(["a harbour at dawn"]);
    await db.campaign.update({ where: { id: campaignId }, data: { status: "completed" } });
    const adapters = new AdapterCache({});
    try {
      const [outcome] = await runGenerationJobs(jobIds, { adapters, workerId: "jobs-test" });
      expect(outcome).toMatchObject({ ok: false, cancelled: true, error: expect.stringMatching(/not sent/) });
    } finally {
      await adapters.disposeAll();
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps at most `concurrency` predictions (and requests) in flight, and makes every image", async () => {
    const prompts = Array.from({ length: 6 }, (_, i) => `a harbour, view ${i}`);
    const { campaignId, jobIds } = await replicateCampaign(prompts, { concurrency: 2 });
    const adapters = new AdapterCache({});
    try {
      const outcomes = await runGenerationJobs(jobIds, { adapters, workerId: "jobs-test" });
      expect(outcomes.every((o) => o.ok)).toBe(true);
    } finally {
      await adapters.disposeAll();
    }
    expect(await db.image.count({ where: { campaignId } })).toBe(6);
    expect(fake.peakJobsInFlight()).toBe(2);
    expect(fake.peakRequestsInFlight()).toBeLessThanOrEqual(2);
  });
});

async function until(probe: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
