import { guardedRoute, json } from "@/lib/http/route";
import { undoRating } from "@/lib/rating/undo-rating";

export const dynamic = "force-dynamic";

/** Undo: the annotator takes back their own rating within a few seconds. */
export const DELETE = guardedRoute("vote", async ({ user, params }) => {
  return json(await undoRating(user.id, String(params.ratingId)));
});
