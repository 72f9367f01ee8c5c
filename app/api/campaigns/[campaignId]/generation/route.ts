import { guardedRoute, json } from "@/lib/http/route";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { generationProgress } from "@/lib/generation/generation-progress";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("campaign:read", async ({ user, params }) => {
  const campaign = await findOwnedCampaign(user!, String(params.campaignId));
  return json(await generationProgress(campaign.id));
});
