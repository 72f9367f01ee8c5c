import { guardedRoute, json } from "@/lib/http/route";
import { generationProgress } from "@/lib/generation/generation-progress";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("campaign:read", async ({ user, params }) => {
  return json(await generationProgress(user, String(params.campaignId)));
});
