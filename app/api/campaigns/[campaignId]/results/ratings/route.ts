import { csvDownload, guardedRoute } from "@/lib/http/route";
import { ratingsCsv } from "@/lib/rating/ratings-csv";

export const dynamic = "force-dynamic";

/** A rating campaign's ratings as CSV (`photogenic analyze` reads it back). */
export const GET = guardedRoute("results:read", async ({ user, params }) => {
  const campaignId = String(params.campaignId);
  return csvDownload(await ratingsCsv(user, campaignId), `ratings-${campaignId}.csv`);
});
