import "server-only";
import { db } from "../db";
import { hashPassword } from "../auth/password";
import { createCampaign } from "../campaigns/create-campaign";
import { recordImage } from "../generation/record-image";
import { createReadyPairs } from "../pairs/create-ready-pairs";
import { drawDemoImage } from "./draw-demo-image";
import { DEMO_CAMPAIGN, DEMO_MODELS, DEMO_PROMPT_SET, DEMO_PROMPTS, DEMO_USERS } from "./demo-content";

/**
 * Seeds the demo: users, a prompt set, two models and an annotating campaign with its images
 * and pairs. Idempotent: every row is found by its natural key before it is created, so a
 * second run neither duplicates nor fails.
 */
export async function seedDemo(): Promise<{ campaignId: string }> {
  const users = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: u.email } });
    const user = existing ?? (await db.user.create({ data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) } }));
    users.set(u.role, user.id);
  }
  const researcherId = users.get("researcher")!;

  const promptSet =
    (await db.promptSet.findUnique({ where: { name_version: { name: DEMO_PROMPT_SET, version: 1 } } })) ??
    (await db.promptSet.create({
      data: {
        name: DEMO_PROMPT_SET,
        format: "builtin",
        promptCount: DEMO_PROMPTS.length,
        createdById: researcherId,
        prompts: { create: DEMO_PROMPTS.map((p, position) => ({ ...p, position })) },
      },
    }));

  const models = [];
  for (const m of DEMO_MODELS) {
    const model = await db.model.upsert({
      where: { name_version: { name: m.name, version: "1" } },
      create: { name: m.name, adapterKind: "onnx_demo", config: { variant: m.variant }, createdById: researcherId },
      update: {},
    });
    models.push({ ...model, variant: m.variant });
  }

  const existing = await db.campaign.findFirst({ where: { name: DEMO_CAMPAIGN, ownerId: researcherId } });
  const campaignId = existing?.id ?? (await createDemoCampaign(researcherId, promptSet.id, models));
  const annotatorId = users.get("annotator")!;
  await db.participation.upsert({
    where: { campaignId_userId: { campaignId, userId: annotatorId } },
    create: { campaignId, userId: annotatorId, consentedAt: new Date() },
    update: {},
  });
  return { campaignId };
}

async function createDemoCampaign(researcherId: string, promptSetId: string, models: { id: string; variant: "smooth" | "harsh" }[]): Promise<string> {
  const { id: campaignId } = await createCampaign(researcherId, {
    name: DEMO_CAMPAIGN,
    promptSetId,
    modelIds: models.map((m) => m.id),
    completionCode: "DEMO-THANKS",
    instructions: "Compare the two images. There are no right answers except for the occasional check.",
  });
  const prompts = await db.prompt.findMany({ where: { promptSetId } });
  for (const prompt of prompts) {
    for (const model of models) {
      const png = await drawDemoImage(model.variant, prompt.text, 0);
      await recordImage({ campaignId, modelId: model.id, promptId: prompt.id, seed: 0, png });
    }
  }
  await createReadyPairs(campaignId);
  await db.campaign.update({ where: { id: campaignId }, data: { status: "annotating" } });
  return campaignId;
}
