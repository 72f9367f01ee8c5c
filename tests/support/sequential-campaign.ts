import { db } from "../../lib/db";
import type { CurrentUser } from "../../lib/auth/guard";
import type { StopRuleSpec } from "../../lib/campaigns/stop-rule-spec";
import {
  makeAnnotators,
  joinCampaign,
  makeCampaignImages,
  makeDemoModels,
  makePromptSet,
  makeUser,
  uid,
} from "./factories";

/**
 * An annotating campaign of `models` demo models on `prompts` prompts (one seed, placeholder
 * images), one criterion with left / right / tie and `judgmentsPerPair`, made through the use
 * cases (createCampaign, createReadyPairs, advanceWhenReady) like makeAnnotatingCampaign, with a
 * pair design and a stop rule of the test's choosing.
 */
export async function makeSequentialCampaign(options: {
  models: number;
  prompts: number;
  pairDesign?: "all_pairs" | "adaptive";
  stopRule?: Partial<StopRuleSpec>;
  judgmentsPerPair?: number;
  /** The owner's password, to sign in as them in a browser. */
  ownerPassword?: string;
}) {
  const { createCampaign } = await import("../../lib/campaigns/create-campaign");
  const { createReadyPairs } = await import("../../lib/pairs/create-ready-pairs");
  const { advanceWhenReady } = await import("../../lib/campaigns/advance-when-ready");
  const user = await makeUser("researcher", options.ownerPassword);
  const owner: CurrentUser = { id: user.id, email: user.email, name: user.name, role: "researcher" };
  const set = await makePromptSet(options.prompts, { ownerId: owner.id });
  const models = await makeDemoModels(options.models);
  const { id: campaignId } = await createCampaign(owner.id, {
    name: uid("sequential-"),
    promptSetId: set.id,
    modelIds: models.map((m) => m.id),
    pairDesign: options.pairDesign ?? "all_pairs",
    criteria: [
      {
        key: "appeal",
        question: "Which image is more appealing?",
        showPrompt: false,
        choices: ["left", "right", "tie"],
        judgmentsPerPair: options.judgmentsPerPair ?? 1,
      },
    ],
    minJudgmentMs: 0,
    stopRule: options.stopRule ? { margin: 0.05, alpha: 0.05, ...options.stopRule } : undefined,
  });
  await db.campaign.update({ where: { id: campaignId }, data: { status: "generating" } });
  await makeCampaignImages(campaignId, set.prompts, models);
  await createReadyPairs(campaignId);
  await advanceWhenReady(campaignId);
  const images = await db.image.findMany({ where: { campaignId }, select: { id: true, modelId: true } });
  const modelOf = new Map(images.map((i) => [i.id, i.modelId!]));
  const annotators = await makeAnnotators(4);
  await joinCampaign(campaignId, annotators);
  return { campaignId, owner, modelIds: models.map((m) => m.id), modelOf, annotators };
}
