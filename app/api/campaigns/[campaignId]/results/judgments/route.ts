import { csvDownload, guardedRoute } from "@/lib/http/route";
import { parseJudgmentsQuery } from "@/lib/results/export-query";
import { judgmentsCsvStream } from "@/lib/results/judgments-csv";
import { reportFileName } from "@/lib/results/campaign-report";

export const dynamic = "force-dynamic";

/** Every judgment as CSV, streamed page by page (?rows=analysed: only those in the statistics). */
export const GET = guardedRoute("results:read", async ({ request, user, params }) => {
  const { settings, rows } = parseJudgmentsQuery(new URL(request.url).searchParams);
  const campaignId = String(params.campaignId);
  const stream = await judgmentsCsvStream(user, campaignId, settings, { analysedOnly: rows === "analysed" });
  return csvDownload(stream, reportFileName(campaignId, "judgments"));
});
