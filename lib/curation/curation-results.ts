import "server-only";
import type { CurrentUser } from "../auth/guard";
import { csvLine } from "../results/csv";
import { curationStageFigures, type CurationStageFigures } from "../stats/curation";
import { loadCuration } from "./curation-records";
import { acceptanceWords, fig } from "./curation-figures";

export type { CurationStageFigures };

export interface CurationReport {
  taskType: "curation";
  campaign: { id: string; name: string; status: string };
  question: string;
  rubric: string;
  /** Where the images come from: a folder (its path inside IMPORT_ROOT) or the campaign's models. */
  source: string;
  images: number;
  stages: CurationStageFigures[];
  survivors: { imageId: string; fileName: string; caption: string; model: string | null }[];
}

/**
 * A curation campaign's results (issue 22), from its stored votes through lib/stats/curation:
 * per stage the candidates, the decided ones, the acceptance rate with its Wilson interval (images
 * as independent trials) and the agreement among the stage's voters (raw, Fleiss' κ,
 * Krippendorff's α, Gwet's AC1) — `curationStageFigures`, which `photogenic analyze` runs on the
 * manifest too; the survivors (the accepted set, in pool order). Not cached: one read of the
 * items and one of the votes.
 */
export async function curationResults(user: CurrentUser, campaignId: string): Promise<CurationReport> {
  const records = await loadCuration(user, campaignId);
  const { curation, summary } = records;
  return {
    taskType: "curation",
    campaign: records.campaign,
    question: curation.question,
    rubric: curation.rubric,
    source: curation.imageFolder ? `folder ${curation.imageFolder}` : "the campaign's models",
    images: records.images.size,
    stages: curationStageFigures(summary),
    survivors: summary.survivors.map((id) => {
      const im = records.images.get(id)!;
      return { imageId: id, fileName: im.fileName, caption: im.caption, model: im.model };
    }),
  };
}

export const CURATION_FIGURES_COLUMNS = [
  "stage",
  "who",
  "rule",
  "candidates",
  "voted",
  "accepted",
  "rejected",
  "pending",
  "votes",
  "acceptance",
  "acceptance_lower",
  "acceptance_upper",
  "agreement_images",
  "raw_agreement",
  "fleiss_kappa",
  "krippendorff_alpha",
  "gwet_ac1",
] as const;

/** One row per stage. */
export function curationFiguresCsv(report: CurationReport): string {
  return [
    csvLine(CURATION_FIGURES_COLUMNS),
    ...report.stages.map((s) =>
      csvLine([
        s.stage,
        s.who,
        s.rule,
        s.candidates,
        s.voted,
        s.accepted,
        s.rejected,
        s.pending,
        s.votes,
        s.acceptance?.rate,
        s.acceptance?.lower,
        s.acceptance?.upper,
        s.agreement.images,
        s.agreement.rawAgreement,
        s.agreement.fleissKappa,
        s.agreement.krippendorffAlpha,
        s.agreement.gwetAC1,
      ]),
    ),
  ].join("");
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A self-contained HTML report: the stages' figures and the survivors by name and caption. */
export function curationReportHtml(report: CurationReport): string {
  const rows = report.stages
    .map(
      (s) =>
        `<tr><td>${s.stage} (${s.who})</td><td>${escape(s.rule)}</td><td>${s.candidates}</td><td>${s.accepted}</td><td>${s.rejected}</td><td>${s.pending}</td><td>${acceptanceWords(s.acceptance)}</td><td>${fig(s.agreement.fleissKappa)}</td><td>${fig(s.agreement.krippendorffAlpha)}</td><td>${fig(s.agreement.gwetAC1)}</td></tr>`,
    )
    .join("");
  const survivors = report.survivors
    .map((s) => `<li><code>${escape(s.fileName)}</code>: ${escape(s.caption)}</li>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(report.campaign.name)} · curation</title></head><body>
<h1>${escape(report.campaign.name)} · curation</h1>
<p>${report.images} images from ${escape(report.source)}. Question: ${escape(report.question)}</p>
<table><thead><tr><th>Stage</th><th>Rule</th><th>Candidates</th><th>Accepted</th><th>Rejected</th><th>Pending</th><th>Acceptance (95% Wilson)</th><th>Fleiss κ</th><th>Krippendorff α</th><th>Gwet AC1</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Accepted set (${report.survivors.length})</h2><ul>${survivors}</ul>
</body></html>`;
}
