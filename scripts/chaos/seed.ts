import { randomBytes } from "node:crypto";
import { db } from "../../lib/db";
import { createCampaign } from "../../lib/campaigns/create-campaign";
import { transitionCampaign } from "../../lib/campaigns/transition-campaign";
import { createJoinLink } from "../../lib/access/join-links";

/**
 * The chaos run's content: two demo ONNX models, a voting campaign of `pairs` prompts (one seed,
 * Emu's two criteria at 5 and 3 judgments) with a join link, and a second, generation-only campaign
 * that keeps the workers busy while the votes come in. Both are launched (jobs queued in pg-boss).
 */
export interface ChaosSeed {
  voting: { campaignId: string; joinPath: string; plannedImages: number };
  background: { campaignId: string; plannedImages: number } | null;
}

const tag = () => randomBytes(3).toString("hex");

async function promptSet(ownerId: string, name: string, count: number) {
  return db.promptSet.create({
    data: {
      name: `${name}-${tag()}`,
      format: "builtin",
      promptCount: count,
      createdById: ownerId,
      prompts: {
        create: Array.from({ length: count }, (_, i) => ({
          externalId: `c${i}`,
          text: `a ${["red", "green", "blue", "golden"][i % 4]} ${["fox", "teapot", "castle", "bicycle", "lighthouse"][i % 5]} number ${i}`,
          category: ["Animals", "Artifacts", "Outdoor Scenes"][i % 3],
          position: i,
        })),
      },
    },
  });
}

export async function seedChaos(options: {
  pairs: number;
  annotators: number;
  backgroundJobs: number;
  imageSize: number;
}): Promise<ChaosSeed> {
  const owner = await db.user.create({
    data: { email: `chaos-${tag()}@chaos.local`, name: "Chaos researcher", role: "researcher" },
  });
  const models = await Promise.all(
    (["smooth", "noisy"] as const).map((variant) =>
      db.model.create({
        data: {
          name: `chaos-demo-${variant}-${tag()}`,
          adapterKind: "onnx_demo",
          config: { variant: `demo-${variant}` },
          defaultParams: { width: options.imageSize, height: options.imageSize },
        },
      }),
    ),
  );
  const modelIds = models.map((m) => m.id);

  const votingSet = await promptSet(owner.id, "chaos-voting", options.pairs);
  const { id: campaignId } = await createCampaign(owner.id, {
    name: `chaos voting ${tag()}`,
    promptSetId: votingSet.id,
    modelIds,
    minJudgmentMs: 0,
    completionCode: "CHAOS-DONE",
  });
  await transitionCampaign(owner, campaignId, { action: "launch" });
  const link = await createJoinLink(
    { id: owner.id, email: owner.email, name: owner.name, role: "researcher" },
    campaignId,
    // Sized for the run (a link without a cap would get JOIN_LINK_DEFAULT_CAP).
    { label: "chaos", maxAnnotators: options.annotators },
  );

  let background: ChaosSeed["background"] = null;
  if (options.backgroundJobs > 0) {
    const seeds = Math.min(16, Math.max(1, Math.ceil(options.backgroundJobs / (2 * 30))));
    const prompts = Math.ceil(options.backgroundJobs / (2 * seeds));
    const set = await promptSet(owner.id, "chaos-background", prompts);
    const { id } = await createCampaign(owner.id, {
      name: `chaos background ${tag()}`,
      promptSetId: set.id,
      modelIds,
      seedsPerPrompt: seeds,
    });
    await transitionCampaign(owner, id, { action: "launch" });
    background = { campaignId: id, plannedImages: prompts * seeds * 2 };
  }
  return { voting: { campaignId, joinPath: link.path, plannedImages: options.pairs * 2 }, background };
}
