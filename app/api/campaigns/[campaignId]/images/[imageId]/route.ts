import { guardedRoute } from "@/lib/http/route";
import { campaignImage } from "@/lib/results/campaign-image";

export const dynamic = "force-dynamic";

/** A campaign image for its researcher (gallery); annotators reach images only through their assignments. */
export const GET = guardedRoute("images:read-any", async ({ user, params }) => {
  const { bytes, contentType } = await campaignImage(user, String(params.campaignId), String(params.imageId));
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": contentType, "cache-control": "private, max-age=3600" },
  });
});
