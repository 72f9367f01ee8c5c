import { guardedRoute, json } from "@/lib/http/route";
import { nextAssignmentView } from "@/lib/annotation/assignment-view";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ user, params }) => {
  return json(await nextAssignmentView(String(params.campaignId), user.id));
});
