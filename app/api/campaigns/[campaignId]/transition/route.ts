import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { transitionCampaign } from "@/lib/campaigns/transition-campaign";

export const dynamic = "force-dynamic";

// transitionCampaign validates the action itself, after the ownership check.
export const POST = guardedRoute("campaign:write", async ({ request, user, params }) => {
  return json(await transitionCampaign(user, String(params.campaignId), await readJson(request, z.unknown())));
});
