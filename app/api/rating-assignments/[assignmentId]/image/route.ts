import { annotationImage, guardedRoute } from "@/lib/http/route";
import { ratingAssignmentImage } from "@/lib/rating/rating-image";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("vote", async ({ user, params }) => {
  const bytes = await ratingAssignmentImage(user.id, String(params.assignmentId));
  return annotationImage(bytes);
});
