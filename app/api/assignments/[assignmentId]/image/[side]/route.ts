import { guardedRoute } from "@/lib/http/route";
import { assignmentImage } from "@/lib/annotation/assignment-image";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("vote", async ({ user, params }) => {
  const bytes = await assignmentImage(user.id, String(params.assignmentId), String(params.side));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "image/webp",
      "cache-control": "private, max-age=3600",
      "content-disposition": "inline; filename=image.webp",
    },
  });
});
