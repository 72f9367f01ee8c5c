/**
 * What a campaign's protocol will cost in judgments and annotators, before launch (the wizard and
 * the draft page show it). Pure: no database, no server-only import, so the wizard computes it in
 * the browser from the same function the draft page calls on the server.
 *
 * Definitions (one pair = one prompt × seed × two models; gold pairs are extra and counted apart):
 * - model pairs: all pairs k(k−1)/2, or each against the baseline k−1, of k models;
 * - pairs = prompts × seeds per prompt × model pairs;
 * - judgments of a criterion = pairs × its judgments per pair; total = their sum;
 * - assignments = pairs × the largest judgments per pair (an annotator answers every criterion a
 *   pair still needs on one assignment, and each pair needs that many distinct annotators);
 * - annotators needed at the per-annotator cap = ⌈assignments / regular pairs per annotator⌉, where
 *   a capped annotator spends about a `goldRate` share of the cap on gold pairs, and never fewer
 *   than the largest judgments per pair; without a cap only that minimum is known.
 * O(criteria).
 */
export interface BudgetInput {
  prompts: number;
  seedsPerPrompt: number;
  models: number;
  /** adaptive pairs like all_pairs (its budget is the upper bound: decided comparisons stop early). */
  pairDesign: "all_pairs" | "baseline" | "adaptive";
  criteria: { key: string; judgmentsPerPair: number }[];
  perAnnotatorCap: number | null;
  goldRate: number;
}

export interface Budget {
  modelPairs: number;
  pairs: number;
  perCriterion: { key: string; judgmentsPerPair: number; judgments: number }[];
  totalJudgments: number;
  /** Regular (non-gold) assignments: one annotator judging one pair. */
  assignments: number;
  /** Expected gold-pair assignments on top, at the gold rate. */
  goldAssignments: number;
  /** Distinct annotators each pair needs (the largest judgments per pair). */
  minAnnotators: number;
  /** At the per-annotator cap; null without a cap. */
  annotatorsAtCap: number | null;
}

export function campaignBudget(input: BudgetInput): Budget {
  const k = Math.max(0, Math.floor(input.models));
  const modelPairs = k < 2 ? 0 : input.pairDesign === "baseline" ? k - 1 : (k * (k - 1)) / 2;
  const pairs = Math.max(0, input.prompts) * Math.max(0, input.seedsPerPrompt) * modelPairs;
  const perCriterion = input.criteria.map((c) => ({
    key: c.key,
    judgmentsPerPair: c.judgmentsPerPair,
    judgments: pairs * c.judgmentsPerPair,
  }));
  const minAnnotators = Math.max(0, ...input.criteria.map((c) => c.judgmentsPerPair));
  const assignments = pairs * minAnnotators;
  const goldRate = Math.min(Math.max(input.goldRate, 0), 0.99);
  const goldAssignments = Math.round((assignments * goldRate) / (1 - goldRate));
  const regularPerAnnotator = input.perAnnotatorCap === null ? null : input.perAnnotatorCap * (1 - goldRate);
  const annotatorsAtCap =
    regularPerAnnotator === null || regularPerAnnotator <= 0
      ? null
      : assignments === 0
        ? 0
        : Math.max(minAnnotators, Math.ceil(assignments / regularPerAnnotator - 1e-9));
  return {
    modelPairs,
    pairs,
    perCriterion,
    totalJudgments: perCriterion.reduce((sum, c) => sum + c.judgments, 0),
    assignments,
    goldAssignments,
    minAnnotators,
    annotatorsAtCap,
  };
}
