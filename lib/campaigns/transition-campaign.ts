import "server-only";
import { z } from "zod";
import { db, type CampaignStatus } from "../db";
import type { CurrentUser } from "../auth/guard";
import { AppError, parseOrThrow } from "../errors";
import { enqueueCampaignJobs } from "../generation/enqueue-campaign-jobs";
import { campaignNotFound, ownedBy } from "./owned-campaign";
import { fromFolder } from "../curation/curation-spec";

export const CAMPAIGN_ACTIONS = ["launch", "start-annotating", "pause", "resume", "complete", "continue"] as const;
export const campaignActionSchema = z.object({ action: z.enum(CAMPAIGN_ACTIONS) });
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/**
 * The state machine: draft → generating → annotating → completed, and paused from generating or
 * annotating. `resume` returns to annotating when pairs exist, else to generating. `continue`
 * reopens a campaign its stopping rule closed (closeWhenDecided) and turns the rule off for it: every
 * pair is served again up to its targets. Each move is a conditional update on the current status,
 * so two concurrent clicks move it once.
 */
const FROM: Record<CampaignAction, CampaignStatus[]> = {
  launch: ["draft"],
  "start-annotating": ["generating"],
  pause: ["generating", "annotating"],
  resume: ["paused"],
  complete: ["annotating", "paused"],
  continue: ["completed"],
};

export async function transitionCampaign(
  user: CurrentUser,
  campaignId: string,
  input: unknown,
): Promise<{ status: CampaignStatus }> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    select: {
      status: true,
      stoppedReason: true,
      taskType: true,
      curation: true,
      _count: { select: { models: true, prompts: true, criteria: true, pairs: { where: { isGold: false } } } },
    },
  });
  if (!campaign) throw campaignNotFound();
  // Validated after the ownership check: a stranger learns nothing from the shape of a refusal.
  const { action } = parseOrThrow(campaignActionSchema, input, "request body");
  if (!FROM[action].includes(campaign.status)) {
    throw new AppError("CONFLICT", `Cannot ${action} a campaign that is ${campaign.status}`, [
      { field: "action", message: `allowed from: ${FROM[action].join(", ")}` },
    ]);
  }
  const counts = campaign._count;
  let to: CampaignStatus;
  switch (action) {
    case "launch":
      // A curation campaign from an image folder has its images (and items) already: it opens at once.
      if (campaign.taskType === "curation" && fromFolder(campaign.curation)) {
        to = "annotating";
        break;
      }
      if (counts.models < (campaign.taskType === "curation" ? 1 : 2))
        throw new AppError("VALIDATION", "A campaign needs at least two models", [
          { field: "modelIds", message: "at least two" },
        ]);
      if (counts.prompts < 1)
        throw new AppError("VALIDATION", "A campaign needs prompts", [{ field: "promptIds", message: "none" }]);
      if (counts.criteria < 1)
        throw new AppError("VALIDATION", "A campaign needs a criterion", [{ field: "criteria", message: "none" }]);
      to = "generating";
      break;
    case "start-annotating":
      if (counts.pairs === 0) throw new AppError("CONFLICT", "No pair has both images yet");
      to = "annotating";
      break;
    case "pause":
      to = "paused";
      break;
    case "resume":
      to =
        counts.pairs > 0 || (campaign.taskType === "curation" && fromFolder(campaign.curation))
          ? "annotating"
          : "generating";
      break;
    case "complete":
      to = "completed";
      break;
    case "continue":
      if (campaign.stoppedReason === null)
        throw new AppError("CONFLICT", "Only a campaign its stopping rule closed can be continued", [
          { field: "action", message: "this campaign was completed by hand" },
        ]);
      to = "annotating";
      break;
  }
  const moved = await db.campaign.updateMany({
    where: { id: campaignId, status: campaign.status },
    data: action === "continue" ? { status: to, stopOverriddenAt: new Date() } : { status: to },
  });
  if (moved.count === 0) throw new AppError("CONFLICT", "The campaign changed meanwhile; reload and try again");
  if (action === "launch") {
    try {
      await enqueueCampaignJobs(campaignId);
    } catch (error) {
      // Nothing was queued (or it is idempotent to queue again): back to draft so launch can be retried.
      await db.campaign.updateMany({ where: { id: campaignId, status: "generating" }, data: { status: "draft" } });
      throw error;
    }
  }
  return { status: to };
}

/**
 * The stopping rule's own move (lib/campaigns/stopping-rule.ts): annotating → completed with the
 * reason kept for the campaign page, only while the rule applies (on, not overridden by the owner).
 * Conditional like every move, so concurrent refreshes close it once. True when it moved now.
 */
export async function closeWhenDecided(campaignId: string, reason: string): Promise<boolean> {
  const moved = await db.campaign.updateMany({
    where: { id: campaignId, status: "annotating", stopWhenDecided: true, stopOverriddenAt: null },
    data: { status: "completed", stoppedReason: reason },
  });
  return moved.count > 0;
}
