import "server-only";
import { db, type User } from "../db";
import { hashPassword } from "../auth/password";
import { createCampaign } from "../campaigns/create-campaign";
import { enqueueCampaignJobs } from "../generation/enqueue-campaign-jobs";
import { transitionCampaign } from "../campaigns/transition-campaign";
import { DEMO_CAMPAIGN, DEMO_MODELS, DEMO_PROMPT_SET, DEMO_PROMPTS, DEMO_USERS } from "./demo-content";

/**
 * Seeds the demo: users, a prompt set, two onnx-demo models and a campaign whose images a real
 * worker process generates (the launcher starts one). Idempotent: every row is found by its
 * natural key before it is created, and enqueueing is idempotent, so a second run neither
 * duplicates nor fails.
 *
 * The demo users have published passwords, so the seed refuses a database it did not start
 * (`embedded: false`: DATABASE_URL, which may be production) unless `demoData` says the operator
 * wants them there (`npm run demo -- --demo-data`).
 */
export async function seedDemo(target: { embedded: boolean; demoData?: boolean }): Promise<{ campaignId: string }> {
  if (!target.embedded && !target.demoData)
    throw new Error(
      "Refusing to seed the demo into DATABASE_URL: the demo accounts have known passwords. " +
        "Unset DATABASE_URL to use the embedded database, or pass --demo-data to seed this database anyway.",
    );
  const users = new Map<string, User>();
  for (const u of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: u.email } });
    const user =
      existing ??
      (await db.user.create({
        data: { email: u.email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password) },
      }));
    users.set(u.role, user);
  }
  const researcher = users.get("researcher")!;
  const researcherId = researcher.id;

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
      create: {
        name: m.name,
        adapterKind: "onnx_demo",
        config: { variant: m.variant },
        defaultParams: { width: 256, height: 256 },
        createdById: researcherId,
      },
      update: {},
    });
    models.push(model);
  }

  const existing = await db.campaign.findFirst({ where: { name: DEMO_CAMPAIGN, ownerId: researcherId } });
  const campaignId = existing?.id ?? (await createDemoCampaign(researcher, promptSet.id, models));
  // A demo stopped mid-generation resumes where it was: queueing again is idempotent.
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
  if (existing && campaign.status === "generating") await enqueueCampaignJobs(campaignId);
  const annotatorId = users.get("annotator")!.id;
  await db.participation.upsert({
    where: { campaignId_userId: { campaignId, userId: annotatorId } },
    create: { campaignId, userId: annotatorId, consentedAt: new Date() },
    update: {},
  });
  return { campaignId };
}

async function createDemoCampaign(researcher: User, promptSetId: string, models: { id: string }[]): Promise<string> {
  const { id: campaignId } = await createCampaign(researcher.id, {
    name: DEMO_CAMPAIGN,
    promptSetId,
    modelIds: models.map((m) => m.id),
    completionCode: "DEMO-THANKS",
    // Emu's protocol: visual appeal is asked without the caption, so one question at a time.
    criteriaMode: "sequential",
    instructions: "Compare the two images. There are no right answers except for the occasional check.",
  });
  await transitionCampaign(researcher, campaignId, { action: "launch" });
  return campaignId;
}
