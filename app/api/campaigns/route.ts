import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { createCampaign } from "@/lib/campaigns/create-campaign";

export const dynamic = "force-dynamic";

// createCampaign validates the body itself and names each bad field.
export const POST = guardedRoute("campaign:write", async ({ request, user }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()), 256 * 1024);
  return json(await createCampaign(user.id, body as never), { status: 201 });
});
