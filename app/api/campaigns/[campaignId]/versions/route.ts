import { guardedRoute, json } from "@/lib/http/route";
import { createCampaignVersion } from "@/lib/campaigns/update-campaign";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("campaign:write", async ({ user, params }) => {
  return json(await createCampaignVersion(user, String(params.campaignId)), { status: 201 });
});
