import { csvDownload, guardedRoute } from "@/lib/http/route";
import { parseResultsSettings } from "@/lib/results/settings";
import { prolificDecisionsCsv } from "@/lib/results/prolific-decisions";

export const dynamic = "force-dynamic";

/** Prolific participants with approve / reject decisions and reasons (CSV), under the results settings. */
export const GET = guardedRoute("results:read", async ({ request, user, params }) => {
  const settings = parseResultsSettings(new URL(request.url).searchParams);
  const campaignId = String(params.campaignId);
  const body = await prolificDecisionsCsv(user, campaignId, settings);
  return csvDownload(body, `photogenic-${campaignId}-prolific.csv`);
});
