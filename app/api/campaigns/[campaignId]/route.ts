import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { updateCampaign, updateCampaignSchema } from "@/lib/campaigns/update-campaign";

export const dynamic = "force-dynamic";

export const PATCH = guardedRoute("campaign:write", async ({ request, user, params }) => {
  const campaign = await findOwnedCampaign(user!, String(params.campaignId));
  await updateCampaign(campaign.id, await readJson(request, updateCampaignSchema, 256 * 1024));
  return json({ ok: true });
});
