import { guardedRoute, json } from "@/lib/http/route";
import { nextCurationView } from "@/lib/curation/curation-view";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ user, params }) => {
  return json(await nextCurationView(String(params.campaignId), user.id));
});
