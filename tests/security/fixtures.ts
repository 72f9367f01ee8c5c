import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import { seedDemo } from "../../lib/demo/seed-demo";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { recordImage } from "../../lib/generation/record-image";
import { createReadyPairs } from "../../lib/pairs/create-ready-pairs";
import { drawDemoImage } from "../../lib/demo/draw-demo-image";
import { nextAssignmentView } from "../../lib/annotation/assignment-view";
import { submitJudgment } from "../../lib/judgments/submit-judgment";
import { createJoinLink } from "../../lib/access/join-links";
import type { CurrentUser } from "../../lib/auth/guard";
import { DEMO_USERS } from "../../lib/demo/demo-content";

/** Prompts an attacker might write; each must render as inert text. */
export const HOSTILE_PROMPTS = [
  "<script>window.__xss=1</script> a cat on a sofa",
  '"><img src=x onerror="window.__xss=2"> a dog in a park',
  "[click me](javascript:window.__xss=3) a bird on a wire",
];
export const HOSTILE_NAME = '<img src=x onerror="window.__xss=4"> campaign';

export interface Fixtures {
  demoCampaignId: string;
  demoPromptSetId: string;
  assignmentA: string;
  judgmentA: string;
  hostileCampaignId: string;
  hostilePromptSetId: string;
  demoJoinPath: string;
  users: Record<"admin" | "researcher" | "annotatorA" | "researcherB" | "annotatorB" | "doomed", { id: string; email: string; password: string }>;
}

const PASSWORD = "probe-password-123";

async function user(email: string, role: "admin" | "researcher" | "annotator", password = PASSWORD) {
  const row = await db.user.upsert({ where: { email }, create: { email, role, passwordHash: await hashPassword(password) }, update: {} });
  return { id: row.id, email, password };
}

/**
 * The world the probes run in: the demo campaign (researcher A, annotator A holding a lease and
 * one judgment), a second researcher B owning a campaign whose prompts and name are hostile,
 * annotator B who joined only B's campaign, and a researcher who will be deactivated.
 */
export async function seedFixtures(): Promise<Fixtures> {
  const { campaignId: demoCampaignId } = await seedDemo();
  const demo = await db.campaign.findUniqueOrThrow({ where: { id: demoCampaignId } });
  const demoUser = (role: string) => DEMO_USERS.find((u) => u.role === role)!;
  const admin = await user(demoUser("admin").email, "admin", demoUser("admin").password);
  const researcher = await user(demoUser("researcher").email, "researcher", demoUser("researcher").password);
  const annotatorA = await user(demoUser("annotator").email, "annotator", demoUser("annotator").password);
  const researcherB = await user("researcher-b@probe.local", "researcher");
  const annotatorB = await user("annotator-b@probe.local", "annotator");
  const doomed = await user("doomed@probe.local", "researcher");

  const next = await nextAssignmentView(demoCampaignId, annotatorA.id);
  if (next.kind !== "pair") throw new Error(`demo campaign gave annotator A no pair (${next.kind})`);
  const criterion = next.view.criteria[0];
  const { judgmentId: judgmentA } = await submitJudgment(annotatorA.id, {
    assignmentId: next.view.assignmentId,
    criterionId: criterion.id,
    choice: criterion.choices[0],
    idempotencyKey: "probe-judgment-a",
    latencyMs: 4000,
  });

  const hostileSet = await db.promptSet.create({
    data: {
      name: "Hostile <b>prompts</b>",
      format: "builtin",
      promptCount: HOSTILE_PROMPTS.length,
      createdById: researcherB.id,
      prompts: { create: HOSTILE_PROMPTS.map((text, position) => ({ externalId: `h${position}`, text, category: "<i>Cat</i>", position })) },
    },
  });
  const models = await Promise.all(
    ["probe-secret-model-a", "probe-secret-model-b"].map((name) => db.model.create({ data: { name, adapterKind: "onnx_demo", config: { variant: "smooth" }, createdById: researcherB.id } })),
  );
  const { id: hostileCampaignId } = await createCampaign(researcherB.id, { name: HOSTILE_NAME, promptSetId: hostileSet.id, modelIds: models.map((m) => m.id), completionCode: "PROBE-DONE" });
  const prompts = await db.prompt.findMany({ where: { promptSetId: hostileSet.id } });
  for (const prompt of prompts) {
    for (const [i, model] of models.entries()) {
      await recordImage({ campaignId: hostileCampaignId, modelId: model.id, promptId: prompt.id, seed: 0, png: await drawDemoImage(i ? "harsh" : "smooth", prompt.text, 0) });
    }
  }
  await createReadyPairs(hostileCampaignId);
  await db.campaign.update({ where: { id: hostileCampaignId }, data: { status: "annotating" } });
  await db.participation.create({ data: { campaignId: hostileCampaignId, userId: annotatorB.id, consentedAt: new Date() } });

  const owner: CurrentUser = { id: researcher.id, email: researcher.email, name: null, role: "researcher" };
  const link = await createJoinLink(owner, demoCampaignId, { label: "probe" });

  return {
    demoCampaignId,
    demoPromptSetId: demo.promptSetId,
    assignmentA: next.view.assignmentId,
    judgmentA,
    hostileCampaignId,
    hostilePromptSetId: hostileSet.id,
    demoJoinPath: link.path,
    users: { admin, researcher, annotatorA, researcherB, annotatorB, doomed },
  };
}

/** Everything that names a model or an image in the demo campaign: none of it may reach an annotator. */
export async function secretsOf(campaignId: string): Promise<string[]> {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    include: { models: { include: { model: true } }, images: true },
  });
  return [
    ...campaign.models.flatMap(({ model }) => [model.id, model.name]),
    ...campaign.images.flatMap((image) => [image.id, image.sha256, image.storageKey, ...(image.displayKey ? [image.displayKey] : [])]),
  ];
}
