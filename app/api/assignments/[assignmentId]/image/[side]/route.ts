import { annotationImage, guardedRoute } from "@/lib/http/route";
import { assignmentImage } from "@/lib/annotation/assignment-image";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("vote", async ({ user, params }) => {
  const bytes = await assignmentImage(user.id, String(params.assignmentId), String(params.side));
  return annotationImage(bytes);
});
