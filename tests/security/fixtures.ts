import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { recordImage } from "../../lib/generation/record-image";
import { createReadyPairs } from "../../lib/pairs/create-ready-pairs";
import { drawDemoImage } from "../../lib/demo/draw-demo-image";
import { nextAssignmentView } from "../../lib/annotation/assignment-view";
import { submitJudgment } from "../../lib/judgments/submit-judgment";
import { createJoinLink } from "../../lib/access/join-links";
import type { CurrentUser } from "../../lib/auth/guard";

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
  users: Record<
    "admin" | "researcher" | "annotatorA" | "researcherB" | "annotatorB" | "doomed",
    { id: string; email: string; password: string }
  >;
}

const PASSWORD = "probe-password-123";

async function user(email: string, role: "admin" | "researcher" | "annotator", password = PASSWORD) {
  const row = await db.user.upsert({
    where: { email },
    create: { email, role, passwordHash: await hashPassword(password) },
    update: {},
  });
  return { id: row.id, email, password };
}

/**
 * The world the probes run in: the demo campaign (researcher A, annotator A holding a lease and
 * one judgment), a second researcher B owning a campaign whose prompts and name are hostile,
 * annotator B who joined only B's campaign, and a researcher who will be deactivated.
 */
export async function seedFixtures(): Promise<Fixtures> {
  const admin = await user("admin@probe.local", "admin");
  const researcher = await user("researcher-a@probe.local", "researcher");
  const annotatorA = await user("annotator-a@probe.local", "annotator");
  const researcherB = await user("researcher-b@probe.local", "researcher");
  const annotatorB = await user("annotator-b@probe.local", "annotator");
  const doomed = await user("doomed@probe.local", "researcher");

  const demo = await seedVotableCampaign(researcher.id, {
    name: "Probe campaign",
    promptSetName: "Probe prompts",
    prompts: [
      "a red fox sleeping in fresh snow",
      "a lighthouse on a cliff at sunset",
      "three ceramic cups on a wooden table",
    ],
    modelNames: ["probe-secret-model-alpha", "probe-secret-model-beta"],
    completionCode: "PROBE-THANKS",
  });
  await db.participation.create({
    data: { campaignId: demo.campaignId, userId: annotatorA.id, consentedAt: new Date() },
  });
  const next = await nextAssignmentView(demo.campaignId, annotatorA.id);
  if (next.kind !== "pair") throw new Error(`the probe campaign gave annotator A no pair (${next.kind})`);
  const criterion = next.view.criteria[0];
  const { judgmentId: judgmentA } = await submitJudgment(annotatorA.id, {
    assignmentId: next.view.assignmentId,
    criterionId: criterion.id,
    choice: criterion.choices[0],
    idempotencyKey: "probe-judgment-a",
    latencyMs: 4000,
  });

  const hostile = await seedVotableCampaign(researcherB.id, {
    name: HOSTILE_NAME,
    promptSetName: "Hostile <b>prompts</b>",
    prompts: HOSTILE_PROMPTS,
    category: "<i>Cat</i>",
    modelNames: ["probe-secret-model-gamma", "probe-secret-model-delta"],
    completionCode: "PROBE-DONE",
  });
  await db.participation.create({
    data: { campaignId: hostile.campaignId, userId: annotatorB.id, consentedAt: new Date() },
  });

  const owner: CurrentUser = { id: researcher.id, email: researcher.email, name: null, role: "researcher" };
  const link = await createJoinLink(owner, demo.campaignId, { label: "probe" });

  return {
    demoCampaignId: demo.campaignId,
    demoPromptSetId: demo.promptSetId,
    assignmentA: next.view.assignmentId,
    judgmentA,
    hostileCampaignId: hostile.campaignId,
    hostilePromptSetId: hostile.promptSetId,
    demoJoinPath: link.path,
    users: { admin, researcher, annotatorA, researcherB, annotatorB, doomed },
  };
}

/**
 * A campaign ready for votes without a worker: prompt set, two models, images drawn with the
 * demo painter and recorded as a worker would, pairs, status annotating.
 */
export async function seedVotableCampaign(
  ownerId: string,
  spec: {
    name: string;
    promptSetName: string;
    prompts: string[];
    category?: string;
    modelNames: [string, string];
    completionCode?: string;
  },
): Promise<{ campaignId: string; promptSetId: string }> {
  const promptSet = await db.promptSet.create({
    data: {
      name: spec.promptSetName,
      format: "builtin",
      promptCount: spec.prompts.length,
      createdById: ownerId,
      prompts: {
        create: spec.prompts.map((text, position) => ({
          externalId: `p${position}`,
          text,
          category: spec.category ?? "Animals",
          position,
        })),
      },
    },
  });
  const models = await Promise.all(
    spec.modelNames.map((name) =>
      db.model.create({
        data: { name, adapterKind: "onnx_demo", config: { variant: "smooth" }, createdById: ownerId },
      }),
    ),
  );
  const { id: campaignId } = await createCampaign(ownerId, {
    name: spec.name,
    promptSetId: promptSet.id,
    modelIds: models.map((m) => m.id),
    completionCode: spec.completionCode,
  });
  const prompts = await db.prompt.findMany({ where: { promptSetId: promptSet.id } });
  for (const prompt of prompts) {
    for (const [i, model] of models.entries()) {
      await recordImage({
        campaignId,
        modelId: model.id,
        promptId: prompt.id,
        seed: 0,
        png: await drawDemoImage(i ? "harsh" : "smooth", prompt.text, 0),
      });
    }
  }
  await createReadyPairs(campaignId);
  await db.campaign.update({ where: { id: campaignId }, data: { status: "annotating" } });
  return { campaignId, promptSetId: promptSet.id };
}

/** Everything that names a model or an image in the demo campaign: none of it may reach an annotator. */
export async function secretsOf(campaignId: string): Promise<string[]> {
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    include: { models: { include: { model: true } }, images: true },
  });
  return [
    ...campaign.models.flatMap(({ model }) => [model.id, model.name]),
    ...campaign.images.flatMap((image) => [
      image.id,
      image.sha256,
      image.storageKey,
      ...(image.displayKey ? [image.displayKey] : []),
    ]),
  ];
}
