import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { createCampaign } from "../campaigns/create-campaign";
import { createReadyPairs } from "./create-ready-pairs";
import { makeDemoModel, makePromptSet, makeUser, uid } from "../../tests/support/factories";

afterAll(() => disconnectDb());

/** A generating campaign of three models over `prompts` prompts and two seeds, with no images yet. */
async function threeModelCampaign(
  prompts: number,
  design: { pairDesign: "all_pairs" } | { pairDesign: "baseline"; baseline: number },
) {
  const owner = await makeUser("researcher");
  const set = await makePromptSet(prompts);
  const models = [
    await makeDemoModel("demo-smooth"),
    await makeDemoModel("demo-noisy"),
    await makeDemoModel("demo-smooth"),
  ];
  const { id: campaignId } = await createCampaign(owner.id, {
    name: uid("pairs-"),
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    seedsPerPrompt: 2,
    pairDesign: design.pairDesign,
    ...(design.pairDesign === "baseline" ? { baselineModelId: models[design.baseline].id } : {}),
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  const addImage = (model: number, prompt: number, seed: number) =>
    db.image.create({
      data: {
        campaignId,
        modelId: models[model].id,
        promptId: set.prompts[prompt].id,
        seed,
        storageKey: `${uid()}.png`,
        sha256: uid(),
        width: 64,
        height: 64,
      },
    });
  return { campaignId, models, prompts: set.prompts, addImage };
}

/** Each pair as "modelA×modelB prompt seed" (indexes into the campaign's models), sorted. */
async function pairsOf(campaignId: string, models: { id: string }[], prompts: { id: string }[]) {
  const pairs = await db.pair.findMany({
    where: { campaignId },
    select: {
      promptId: true,
      seed: true,
      imageA: { select: { modelId: true } },
      imageB: { select: { modelId: true } },
    },
  });
  const model = (id: string | null) => models.findIndex((m) => m.id === id);
  return pairs
    .map(
      (p) =>
        `${model(p.imageA.modelId)}×${model(p.imageB.modelId)} p${prompts.findIndex((q) => q.id === p.promptId)} s${p.seed}`,
    )
    .sort();
}

describe("createReadyPairs", () => {
  it("all pairs: every two of three models per (prompt, seed), model listed first as A, once only", async () => {
    const c = await threeModelCampaign(2, { pairDesign: "all_pairs" });
    for (const prompt of [0, 1]) for (const model of [0, 1, 2]) await c.addImage(model, prompt, 0);
    await c.addImage(0, 0, 1); // seed 1 of prompt 0 has one model's image only: nothing to pair

    expect(await createReadyPairs(c.campaignId)).toBe(6);
    expect(await createReadyPairs(c.campaignId)).toBe(0); // idempotent
    expect(await pairsOf(c.campaignId, c.models, c.prompts)).toEqual([
      "0×1 p0 s0",
      "0×1 p1 s0",
      "0×2 p0 s0",
      "0×2 p1 s0",
      "1×2 p0 s0",
      "1×2 p1 s0",
    ]);
  });

  it("baseline: each other model against the baseline only, whichever position the baseline has", async () => {
    const c = await threeModelCampaign(1, { pairDesign: "baseline", baseline: 1 });
    for (const model of [0, 1, 2]) await c.addImage(model, 0, 0);

    expect(await createReadyPairs(c.campaignId)).toBe(2);
    expect(await pairsOf(c.campaignId, c.models, c.prompts)).toEqual(["0×1 p0 s0", "1×2 p0 s0"]);
  });

  it("a worker's call pairs only the (prompt, seed)s it names", async () => {
    const c = await threeModelCampaign(3, { pairDesign: "all_pairs" });
    for (const prompt of [0, 1, 2]) for (const model of [0, 1]) await c.addImage(model, prompt, 0);

    expect(await createReadyPairs(c.campaignId, [])).toBe(0);
    expect(
      await createReadyPairs(c.campaignId, [
        { promptId: c.prompts[1].id, seed: 0 },
        { promptId: c.prompts[2].id, seed: 1 },
      ]),
    ).toBe(1);
    expect(await pairsOf(c.campaignId, c.models, c.prompts)).toEqual(["0×1 p1 s0"]);
    expect(await createReadyPairs(c.campaignId)).toBe(2); // the sweep finds the rest
  });
});
