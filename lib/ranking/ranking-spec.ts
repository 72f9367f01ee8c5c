import { MAX_RANKED, MIN_RANKED } from "../stats/ranking/rankings";

/**
 * A ranking campaign's one question (issue 22), stored as its one Criterion (key `preference`,
 * no choices, `judgmentsPerPair` = rankings per item). Pure: the wizard and spec files use it.
 */
export const RANKING_CRITERION_KEY = "preference";
export const DEFAULT_RANKING_QUESTION =
  "Put the images in order, from the one you prefer most to the one you prefer least.";

/** The Criterion row of a ranking campaign. */
export function rankingCriterion(question: string, rankingsPerItem: number) {
  return {
    key: RANKING_CRITERION_KEY,
    question,
    showPrompt: true,
    choices: [],
    judgmentsPerPair: rankingsPerItem,
    position: 0,
  };
}

/** Why a ranking campaign cannot have this many models, or null (one image per model, K = 2–6). */
export function rankingModelsProblem(models: number): string | null {
  return models < MIN_RANKED || models > MAX_RANKED
    ? `a ranking shows one image per model: ${MIN_RANKED}–${MAX_RANKED} models`
    : null;
}

/** The spec fields that recreate a ranking campaign from its criterion. */
export function rankingSpecOf(criteria: { question: string; judgmentsPerPair: number }[]) {
  return {
    taskType: "ranking" as const,
    rankingQuestion: criteria[0]?.question ?? DEFAULT_RANKING_QUESTION,
    rankingsPerItem: criteria[0]?.judgmentsPerPair ?? 3,
  };
}
