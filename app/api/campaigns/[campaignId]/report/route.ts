import { guardedRoute } from "@/lib/http/route";
import { parseReportQuery } from "@/lib/results/export-query";
import { campaignReport, reportFileName } from "@/lib/results/campaign-report";
import { taskTypeReport } from "@/lib/rating/task-report";

export const dynamic = "force-dynamic";

const TYPES = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  "figures-csv": "text/csv; charset=utf-8",
} as const;

/** The report as a download: self-contained HTML (default), JSON or figures CSV. */
export const GET = guardedRoute("results:read", async ({ request, user, params }) => {
  const { settings, format } = parseReportQuery(new URL(request.url).searchParams);
  const campaignId = String(params.campaignId);
  const body =
    (await taskTypeReport(user, campaignId, settings, format)) ??
    (await campaignReport(user, campaignId, settings, format));
  return new Response(body, {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": `attachment; filename="${reportFileName(campaignId, format)}"`,
      "cache-control": "no-store",
    },
  });
});
