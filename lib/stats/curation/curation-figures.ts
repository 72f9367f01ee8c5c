import type { CurationAgreement, CurationSummary, StageRule } from "./curation-stats";

/**
 * One stage's figures as a curation campaign's results page, its JSON report and `photogenic
 * analyze` on the manifest show them: who votes, the rule in words, the counts of candidates and
 * decisions, the votes, the acceptance rate with its Wilson interval and the agreement.
 */
export interface CurationStageFigures {
  stage: number;
  who: "crowd" | "experts";
  rule: string;
  votesPerImage: number;
  candidates: number;
  voted: number;
  accepted: number;
  rejected: number;
  pending: number;
  votes: number;
  acceptance: { rate: number; lower: number; upper: number } | null;
  agreement: CurationAgreement;
}

/**
 * The per-stage figures of a curation summary (curationSummary): stage 1 is the crowd's, later
 * stages the experts'. The one function behind the results page (lib/curation/curation-results.ts)
 * and `photogenic analyze` on a curation manifest. Complexity: O(stages + decisions).
 */
export function curationStageFigures(summary: CurationSummary): CurationStageFigures[] {
  return summary.stages.map((s, i) => ({
    stage: s.stage,
    who: i === 0 ? "crowd" : "experts",
    rule: stageRuleWords(s.rule),
    votesPerImage: s.rule.votesPerImage,
    candidates: s.candidates,
    voted: s.voted,
    accepted: s.accepted,
    rejected: s.rejected,
    pending: s.pending,
    votes: s.decisions.reduce((n, d) => n + d.votes, 0),
    acceptance: s.acceptance && {
      rate: s.acceptance.rate,
      lower: s.acceptance.interval.lower,
      upper: s.acceptance.interval.upper,
    },
    agreement: s.agreement,
  }));
}

/** A stage's rule in words, for pages and the manifest: "majority of 3", "at least 1 of 3 accept". */
export function stageRuleWords(rule: Pick<StageRule, "votesPerImage" | "rule">): string {
  return rule.rule.kind === "majority"
    ? `majority of ${rule.votesPerImage}`
    : `at least ${rule.rule.minAccepts} of ${rule.votesPerImage} accept`;
}

/** The rule stageRuleWords wrote (stage number left to the caller); null for other text. */
export function parseStageRuleWords(words: string): Pick<StageRule, "votesPerImage" | "rule"> | null {
  const majority = /^majority of (\d+)$/.exec(words.trim());
  if (majority) return { votesPerImage: Number(majority[1]), rule: { kind: "majority" } };
  const threshold = /^at least (\d+) of (\d+) accept$/.exec(words.trim());
  if (threshold)
    return { votesPerImage: Number(threshold[2]), rule: { kind: "threshold", minAccepts: Number(threshold[1]) } };
  return null;
}

/** Between the stages' rules in a manifest's `stage_rules` column. */
export const STAGE_RULES_SEPARATOR = " | ";
