import { guardedRoute } from "@/lib/http/route";
import { parseResultsSettings } from "@/lib/results/settings";
import { prolificDecisionsCsv } from "@/lib/results/prolific-decisions";

export const dynamic = "force-dynamic";

/** Prolific participants with approve / reject decisions and reasons (CSV), under the results settings. */
export const GET = guardedRoute("results:read", async ({ request, user, params }) => {
  const settings = parseResultsSettings(new URL(request.url).searchParams);
  const campaignId = String(params.campaignId);
  const body = await prolificDecisionsCsv(user, campaignId, settings);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="photogenic-${campaignId}-prolific.csv"`,
      "cache-control": "no-store",
    },
  });
});
