import type { CampaignStats } from "../stats";
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
}

/**
 * A campaign report (`schema: "photogenic.report/1"`): what was asked (protocol), how it was
 * counted (settings, seed, code version, data snapshot) and every figure (`stats`, exactly what
 * computeCampaignStats returns for the judgments that entered the statistics).
 */
export interface ReportJson {
  schema: "photogenic.report/1";
  campaign: {
    id: string;
    name: string;
    status: string;
    protocolVersion: number;
    previousVersionId: string | null;
    createdAt: string;
    promptSet: { name: string; version: number };
  };
  protocol: {
    models: string[];
    pairDesign: string;
    baselineModel: string | null;
    seedsPerPrompt: number;
    goldRate: number;
    criteria: { key: string; question: string; showPrompt: boolean; choices: string[]; judgmentsPerPair: number }[];
  };
  settings: Omit<ResultsSettings, "exclude"> & {
    /** Annotators left out by the settings' exclude list. */
    excludedAnnotators: string[];
    /** The campaign's quality-control rule: flagged annotators are left out. */
    excludeFlagged: boolean;
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
}

/** The report as exported: two-space JSON with a final newline. Same report → same bytes. */
export function reportJsonText(report: ReportJson): string {
  return JSON.stringify(report, null, 2) + "\n";
}
