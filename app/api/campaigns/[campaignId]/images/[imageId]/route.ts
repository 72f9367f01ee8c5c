import { guardedRoute } from "@/lib/http/route";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { campaignImage } from "@/lib/results/campaign-image";

export const dynamic = "force-dynamic";

/** A campaign image for its researcher (gallery); annotators reach images only through their assignments. */
export const GET = guardedRoute("images:read-any", async ({ user, params }) => {
  const campaign = await findOwnedCampaign(user!, String(params.campaignId));
  const { bytes, contentType } = await campaignImage(campaign.id, String(params.imageId));
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": contentType, "cache-control": "private, max-age=3600" },
  });
});
