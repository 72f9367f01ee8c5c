import { guardedRoute, json } from "@/lib/http/route";
import { nextRankingView } from "@/lib/ranking/ranking-view";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ user, params }) => {
  return json(await nextRankingView(String(params.campaignId), user.id));
});
