import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { createCampaignFromSpec } from "@/lib/campaigns/create-campaign-from-spec";
import { listOwnedCampaigns } from "@/lib/campaigns/owned-campaign";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("campaign:read", async ({ user }) =>
  json({ campaigns: await listOwnedCampaigns(user) }),
);

// The body is a campaign spec (lib/campaigns/campaign-spec.ts), validated by the use case, which names each bad field.
export const POST = guardedRoute("campaign:write", async ({ request, user }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()), 256 * 1024);
  return json(await createCampaignFromSpec(user, body), { status: 201 });
});
