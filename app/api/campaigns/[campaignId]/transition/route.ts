import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { campaignActionSchema, transitionCampaign } from "@/lib/campaigns/transition-campaign";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("campaign:write", async ({ request, user, params }) => {
  const campaign = await findOwnedCampaign(user!, String(params.campaignId));
  const { action } = await readJson(request, campaignActionSchema);
  return json(await transitionCampaign(campaign.id, action));
});
