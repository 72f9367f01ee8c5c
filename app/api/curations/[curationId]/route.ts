import { guardedRoute, json } from "@/lib/http/route";
import { undoCurationVote } from "@/lib/curation/undo-curation";

export const dynamic = "force-dynamic";

/** Undo: the annotator takes back their own accept / reject within a few seconds. */
export const DELETE = guardedRoute("vote", async ({ user, params }) => {
  return json(await undoCurationVote(user.id, String(params.curationId)));
});
