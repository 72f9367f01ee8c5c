import { guardedRoute } from "@/lib/http/route";
import { ratingAssignmentImage } from "@/lib/rating/rating-image";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("vote", async ({ user, params }) => {
  const bytes = await ratingAssignmentImage(user.id, String(params.assignmentId));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "image/webp",
      "cache-control": "private, max-age=3600",
      "content-disposition": "inline; filename=image.webp",
    },
  });
});
