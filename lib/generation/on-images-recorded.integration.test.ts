import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { createCampaign } from "../campaigns/create-campaign";
import { drawDemoImage } from "../demo/draw-demo-image";
import { recordImages } from "./record-image";
import { sweepRecentCampaigns } from "./on-images-recorded";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../../tests/support/factories";

afterAll(() => disconnectDb());

/** A generating campaign of two models whose every job is recorded (as a worker records them) but not paired. */
async function recordedUnpairedCampaign(prompts: number) {
  const owner = await makeUser("researcher");
  const set = await makePromptSet(prompts);
  const models = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  const { id: campaignId } = await createCampaign(owner.id, {
    name: uid("sweep-"),
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  const jobs = set.prompts.flatMap((p) =>
    models.map((m) => ({ id: uid("job"), campaignId, modelId: m.id, promptId: p.id, seed: 0 })),
  );
  await db.generationJob.createMany({ data: jobs });
  await recordImages(
    await Promise.all(
      jobs.map(async (j, i) => ({
        ...j,
        jobId: j.id,
        png: await drawDemoImage(i % 2 ? "harsh" : "smooth", `${campaignId} ${i}`, 0, 32),
      })),
    ),
  );
  return { campaignId, jobs };
}

describe("the workers' pairing sweep", () => {
  it("pairs what finished within its window and moves the campaign to annotating", async () => {
    const { campaignId } = await recordedUnpairedCampaign(3);
    expect(await db.pair.count({ where: { campaignId } })).toBe(0);

    await sweepRecentCampaigns(30);
    expect(await db.pair.count({ where: { campaignId, isGold: false } })).toBe(3);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe("annotating");
  });

  it("leaves jobs that finished before its window alone", async () => {
    const { campaignId, jobs } = await recordedUnpairedCampaign(2);
    // One (prompt, seed) finished an hour ago: both its jobs are outside a 30 s window.
    await db.generationJob.updateMany({
      where: { id: { in: jobs.slice(0, 2).map((j) => j.id) } },
      data: { finishedAt: new Date(Date.now() - 3_600_000) },
    });

    await sweepRecentCampaigns(30);
    const pairs = await db.pair.findMany({ where: { campaignId }, select: { promptId: true } });
    expect(pairs.map((p) => p.promptId)).toEqual([jobs[2].promptId]);

    await sweepRecentCampaigns(7_200); // a new worker's look back reaches it
    expect(await db.pair.count({ where: { campaignId, isGold: false } })).toBe(2);
  });
});
