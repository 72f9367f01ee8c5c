import { guardedRoute } from "@/lib/http/route";
import { parseFiguresQuery } from "@/lib/results/export-query";
import { campaignReport, reportFileName } from "@/lib/results/campaign-report";
import { taskTypeReport } from "@/lib/rating/task-report";

export const dynamic = "force-dynamic";

/** Every figure of the results page: JSON (default) or a tidy CSV (?format=csv); settings as on the page. */
export const GET = guardedRoute("results:read", async ({ request, user, params }) => {
  const { settings, format } = parseFiguresQuery(new URL(request.url).searchParams);
  const campaignId = String(params.campaignId);
  const kind = format === "csv" ? "figures-csv" : "json";
  const body =
    (await taskTypeReport(user, campaignId, settings, kind)) ??
    (await campaignReport(user, campaignId, settings, kind));
  return new Response(body, {
    headers: {
      "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${reportFileName(campaignId, kind)}"`,
      "cache-control": "no-store",
    },
  });
});
