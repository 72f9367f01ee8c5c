import "server-only";
import type { CurrentUser } from "../auth/guard";
import { db } from "../db";
import { campaignNotFound, ownedBy } from "../campaigns/owned-campaign";
import type { ResultsSettings } from "../results/settings";
import { ratingResults } from "./rating-results";
import { ratingFiguresCsv, ratingReportHtml } from "./rating-report";
import { rankingResults } from "../ranking/ranking-results";
import { rankingFiguresCsv, rankingReportHtml } from "../ranking/ranking-report";
import { curationFiguresCsv, curationReportHtml, curationResults } from "../curation/curation-results";

/**
 * The report of a rating or ranking campaign in one of the report formats (JSON, figures CSV,
 * self-contained HTML), or null for a pairwise campaign (the caller then makes lib/results'
 * report). 404 for a campaign the user may not read.
 */
export async function taskTypeReport(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
  format: "json" | "figures-csv" | "html",
): Promise<string | null> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    select: { taskType: true },
  });
  if (!campaign) throw campaignNotFound();
  if (campaign.taskType === "rating") {
    const report = await ratingResults(user, campaignId, settings);
    if (format === "json") return JSON.stringify(report, null, 2);
    return format === "figures-csv" ? ratingFiguresCsv(report) : ratingReportHtml(report);
  }
  if (campaign.taskType === "ranking") {
    const report = await rankingResults(user, campaignId, settings);
    if (format === "json") return JSON.stringify(report, null, 2);
    return format === "figures-csv" ? rankingFiguresCsv(report) : rankingReportHtml(report);
  }
  if (campaign.taskType === "curation") {
    const report = await curationResults(user, campaignId);
    if (format === "json") return JSON.stringify(report, null, 2);
    return format === "figures-csv" ? curationFiguresCsv(report) : curationReportHtml(report);
  }
  return null;
}
