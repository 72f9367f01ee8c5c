import { guardedRoute } from "@/lib/http/route";
import { curationAssignmentImage } from "@/lib/curation/curation-image";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("vote", async ({ user, params }) => {
  const bytes = await curationAssignmentImage(user.id, String(params.assignmentId));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "image/webp",
      "cache-control": "private, max-age=3600",
      "content-disposition": "inline; filename=image.webp",
    },
  });
});
