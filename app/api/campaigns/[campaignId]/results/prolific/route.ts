import { guardedRoute } from "@/lib/http/route";
import { findOwnedCampaign } from "@/lib/campaigns/owned-campaign";
import { parseResultsSettings } from "@/lib/results/settings";
import { prolificDecisionsCsv } from "@/lib/results/prolific-decisions";

export const dynamic = "force-dynamic";

/** Prolific participants with approve / reject decisions and reasons (CSV), under the results settings. */
export const GET = guardedRoute("results:read", async ({ request, user, params }) => {
  const settings = parseResultsSettings(new URL(request.url).searchParams);
  const campaign = await findOwnedCampaign(user!, String(params.campaignId));
  const body = await prolificDecisionsCsv(campaign.id, settings);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="photogenic-${campaign.id}-prolific.csv"`,
      "cache-control": "no-store",
    },
  });
});
