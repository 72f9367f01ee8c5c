import { guardedRoute, json } from "@/lib/http/route";
import { campaignSummary } from "@/lib/campaigns/campaign-summary";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("campaign:read", async ({ user, params }) => {
  return json(await campaignSummary(user, String(params.campaignId)));
});
