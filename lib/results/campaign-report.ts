import "server-only";
import type { CurrentUser } from "../auth/guard";
import { analyseCampaign } from "./campaign-results";
import { thumbnailDataUri } from "./campaign-image";
import { figuresCsv } from "./figures-csv";
import { galleryPairs } from "./gallery";
import { reportHtml, type SamplePair } from "./report-html";
import { reportJsonText } from "./report-json";
import type { ResultsSettings } from "./settings";

export const REPORT_FORMATS = ["json", "figures-csv", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How many pairs the HTML report shows (the most disputed ones): enough to see, small to send. */
const SAMPLE_PAIRS = 8;

/** A campaign's report in one of the figure formats, as text (figures are small; judgments stream). */
export async function campaignReport(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
  format: ReportFormat,
): Promise<string> {
  const analysis = await analyseCampaign(user, campaignId, settings);
  if (format === "json") return reportJsonText(analysis.report);
  if (format === "figures-csv") return figuresCsv(analysis.report);
  const gallery = await galleryPairs(analysis, { gsort: "disagreement", gpage: 1 }, SAMPLE_PAIRS);
  const samples: SamplePair[] = [];
  for (const p of gallery.pairs) {
    samples.push({
      promptId: p.promptId,
      prompt: p.prompt,
      category: p.category,
      modelA: p.modelA,
      modelB: p.modelB,
      imageA: await thumbnailDataUri(user, campaignId, p.imageAId),
      imageB: await thumbnailDataUri(user, campaignId, p.imageBId),
      votes: p.judgments
        .filter((j) => !j.excluded)
        .map((j) => ({ criterion: j.criterion, winningModel: j.winningModel, annotator: j.annotator })),
    });
  }
  return reportHtml(analysis.report, samples);
}

/** File names for downloads: the campaign id (names may hold anything) and what the file is. */
export function reportFileName(campaignId: string, what: "judgments" | ReportFormat): string {
  const ext = what === "json" ? "json" : what === "html" ? "html" : "csv";
  const stem = what === "figures-csv" ? "figures" : what === "judgments" ? "judgments" : "report";
  return `photogenic-${campaignId}-${stem}.${ext}`;
}
