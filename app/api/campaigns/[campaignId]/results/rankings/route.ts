import { csvDownload, guardedRoute } from "@/lib/http/route";
import { rankingsCsv } from "@/lib/ranking/rankings-csv";

export const dynamic = "force-dynamic";

/** A ranking campaign's rankings as CSV (one row per annotator, set and slot). */
export const GET = guardedRoute("results:read", async ({ user, params }) => {
  const campaignId = String(params.campaignId);
  return csvDownload(await rankingsCsv(user, campaignId), `rankings-${campaignId}.csv`);
});
