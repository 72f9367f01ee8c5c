import type { CampaignStats, CriterionHeadToHeads, CrowdSignal, CrowdSignals } from "../stats";
import type { ResultsSettings } from "./settings";
import type { CodeVersion } from "./code-version";
import type { GenerationSummary } from "../generation/generation-cost";

/** One row of the annotator table: quality over every judgment the annotator gave, included or not. */
export interface AnnotatorRow {
  annotator: string;
  judgments: number;
  excluded: boolean;
  /** Why the annotator's judgments are left out: "flagged: …" or "excluded in settings"; null when included. */
  reason: string | null;
  goldAnswered: number;
  goldAccuracy: number | null;
  comparedWithOthers: number;
  agreementWithMajority: number | null;
  medianSeconds: number | null;
  /** The crowd-quality flags that fire (lib/stats annotatorQuality), whether or not they exclude. */
  flags: CrowdSignal[];
  /** The evidence behind each signal (docs/STATISTICS.md, "Crowd-quality signals"). */
  signals: CrowdSignals;
}

/** Which campaign, and which version of its protocol, a report is of (`createdAt` an ISO string in JSON). */
export interface ReportCampaign<When = string> {
  id: string;
  name: string;
  status: string;
  protocolVersion: number;
  previousVersionId: string | null;
  createdAt: When;
  promptSet: { name: string; version: number };
}

/**
 * A campaign report (`schema: "photogenic.report/1"`): what was asked (protocol), how it was
 * counted (settings, seed, code version, data snapshot) and every figure (`stats`, exactly what
 * computeCampaignStats returns for the judgments that entered the statistics).
 */
export interface ReportJson {
  schema: "photogenic.report/1";
  campaign: ReportCampaign;
  protocol: {
    models: string[];
    pairDesign: string;
    baselineModel: string | null;
    seedsPerPrompt: number;
    goldRate: number;
    criteria: { key: string; question: string; showPrompt: boolean; choices: string[]; judgmentsPerPair: number }[];
  };
  settings: Omit<ResultsSettings, "exclude" | "excludeFlagged"> & {
    /** Annotators left out by the settings' exclude list. */
    excludedAnnotators: string[];
    /** Whether flagged annotators are left out (by default the campaign's quality-control rule). */
    excludeFlagged: boolean;
    /**
     * The flags that exclude, as the settings name them (excludeFlagged); null: the campaign's
     * rule, which leaves out the annotators flagged while voting when excludeFlagged is on.
     */
    flagSignals: CrowdSignal[] | null;
    flaggedAnnotatorsExcluded: string[];
  };
  bootstrapSeed: number;
  codeVersion: CodeVersion;
  dataSnapshot: {
    /** Creation time of the newest judgment read: the same data always gives the same report. */
    time: string | null;
    judgments: number;
    analysed: number;
    gold: number;
    excluded: number;
  };
  annotators: AnnotatorRow[];
  /** Seconds per image (queue and generation where services report them) and cost, per model. */
  generation: GenerationSummary;
  stats: CampaignStats;
  /**
   * The head-to-heads with the excluded annotators' judgments put back (gold pairs still left out),
   * same settings and seed: the headline figures with and without the exclusion side by side.
   * Null when nobody's judgments are excluded.
   */
  withExcludedAnnotators: {
    annotators: string[];
    /** Judgments put back. */
    judgments: number;
    criteria: CriterionHeadToHeads[];
  } | null;
}

/** The report as exported: two-space JSON with a final newline. Same report → same bytes. */
export function reportJsonText(report: ReportJson): string {
  return JSON.stringify(report, null, 2) + "\n";
}
