import { guardedRoute, json } from "@/lib/http/route";
import { undoRanking } from "@/lib/ranking/undo-ranking";

export const dynamic = "force-dynamic";

/** Undo: the annotator takes back their own ranking within a few seconds. */
export const DELETE = guardedRoute("vote", async ({ user, params }) => {
  return json(await undoRanking(user.id, String(params.rankingId)));
});
