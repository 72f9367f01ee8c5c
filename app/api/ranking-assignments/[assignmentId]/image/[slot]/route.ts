import { annotationImage, guardedRoute } from "@/lib/http/route";
import { rankingAssignmentImage } from "@/lib/ranking/ranking-image";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("vote", async ({ user, params }) => {
  const bytes = await rankingAssignmentImage(user.id, String(params.assignmentId), String(params.slot));
  return annotationImage(bytes);
});
