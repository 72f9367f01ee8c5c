import { guardedRoute, json } from "@/lib/http/route";
import { nextRatingView } from "@/lib/rating/rating-view";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ user, params }) => {
  return json(await nextRatingView(String(params.campaignId), user.id));
});
