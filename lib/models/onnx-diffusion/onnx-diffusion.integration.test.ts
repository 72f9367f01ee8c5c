import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../db";
import { setEnv } from "../../env";
import { createCampaign } from "../../campaigns/create-campaign";
import { enqueueCampaignJobs } from "../../generation/enqueue-campaign-jobs";
import { registerModel } from "../../model-registry/register-model";
import { stopBoss } from "../../queue/boss";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../../../tests/support/factories";
import { spawnWorker, stopProcess, waitFor } from "../../../tests/support/processes";
import { buildTinyPipeline } from "./testing/build-tiny-pipeline";

let modelDir: string;

beforeAll(async () => {
  modelDir = await buildTinyPipeline(
    path.join(await mkdtemp(path.join(tmpdir(), "photogenic-diffusion-int-")), "tiny-sd"),
  );
  // Model folders named in configs must lie inside MODELS_ROOT (the worker inherits it).
  setEnv("MODELS_ROOT", path.dirname(modelDir));
});

afterAll(async () => {
  await stopBoss();
  await disconnectDb();
  await rm(path.dirname(modelDir), { recursive: true, force: true });
});

describe("onnx-diffusion model in a campaign", () => {
  it("registers a diffusers ONNX folder, generates with the real worker beside onnx-demo, and pairs appear", async () => {
    const owner = await makeUser("researcher");
    const { id: diffusionId } = await registerModel(owner.id, {
      name: uid("tiny-sd-"),
      kind: "onnx-diffusion",
      config: { modelDir },
      defaultParams: { steps: 2, guidance: 3, width: 64, height: 64, negativePrompt: "blurry" },
    });
    const demo = await makeDemoModel("demo-smooth");
    const set = await makePromptSet(3);
    const { id: campaignId } = await createCampaign(owner.id, {
      name: uid("diffusion-"),
      promptSetId: set.id,
      modelIds: [diffusionId, demo.id],
      seedsPerPrompt: 2,
    });
    await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
    expect(await enqueueCampaignJobs(campaignId)).toBe(12);

    const worker = spawnWorker(["--device", "cpu"]);
    try {
      await waitFor(
        () => db.image.count({ where: { campaignId } }),
        (n) => n >= 12,
        90_000,
        "12 images",
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker.output().slice(-4000)}`);
    } finally {
      await stopProcess(worker);
    }

    expect(await db.generationJob.count({ where: { campaignId, status: { not: "done" } } })).toBe(0);
    const images = await db.image.findMany({ where: { campaignId, modelId: diffusionId } });
    expect(images).toHaveLength(6);
    for (const image of images) {
      expect(image.metadata).toMatchObject({
        adapter: "onnx-diffusion",
        scheduler: "euler",
        steps: 2,
        guidance: 3,
        negativePrompt: "blurry",
        width: 64,
        height: 64,
        seed: image.seed,
      });
      expect((image.metadata as { modelVersion: string }).modelVersion).toMatch(/^tiny-sd@[0-9a-f]{12}$/);
    }
    expect(new Set(images.map((i) => i.sha256)).size).toBe(6); // every (prompt, seed) its own image
    // One pair per (prompt, seed) between the two models.
    expect(
      await waitFor(
        () => db.pair.count({ where: { campaignId } }),
        (n) => n >= 6,
        15_000,
        "6 pairs",
      ),
    ).toBe(6);
  }, 180_000);
});
