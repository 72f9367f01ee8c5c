import { guardedRoute, json } from "@/lib/http/route";
import { exportCampaignSpec } from "@/lib/campaigns/export-campaign-spec";

export const dynamic = "force-dynamic";

/** The spec that recreates this campaign (POST it to /api/campaigns, here or on another server). */
export const GET = guardedRoute("campaign:read", async ({ user, params }) => {
  return json(await exportCampaignSpec(user, String(params.campaignId)));
});
