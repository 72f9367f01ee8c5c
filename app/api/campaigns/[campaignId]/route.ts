import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { updateCampaign } from "@/lib/campaigns/update-campaign";

export const dynamic = "force-dynamic";

// updateCampaign validates the body itself, after the ownership check, and names each bad field.
export const PATCH = guardedRoute("campaign:write", async ({ request, user, params }) => {
  await updateCampaign(user, String(params.campaignId), await readJson(request, z.unknown(), 256 * 1024));
  return json({ ok: true });
});
