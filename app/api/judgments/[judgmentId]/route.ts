import { guardedRoute, json } from "@/lib/http/route";
import { undoJudgment } from "@/lib/judgments/undo-judgment";

export const dynamic = "force-dynamic";

/** Undo: the annotator takes back their own judgment within a few seconds. */
export const DELETE = guardedRoute("vote", async ({ user, params }) => {
  return json(await undoJudgment(user.id, String(params.judgmentId)));
});
