import { guardedRoute, json } from "@/lib/http/route";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { createCampaignVersion } from "@/lib/campaigns/update-campaign";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("campaign:write", async ({ user, params }) => {
  const campaign = await findOwnedCampaign(user!, String(params.campaignId));
  return json(await createCampaignVersion(user!.id, campaign.id), { status: 201 });
});
