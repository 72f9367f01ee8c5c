import { majorityOfCounts } from "./aggregate";
import type { Rating, RatingTable } from "./agreement/rating-table";
import { annotatorQualityFromAnswers, type AnnotatorAnswers } from "./annotator-quality";
import {
  AGREEMENT_LABELS,
  dawidSkeneSummary,
  resolveSettings,
  type CampaignStatsSettings,
  type CriterionAnnotators,
  type CriterionInput,
  type CriterionVotesInput,
  type HeadToHeadInput,
} from "./campaign-stats";
import { addPositionVote, emptyPositionCounts } from "./position-bias";
import type { Judgment, Winner } from "./types";

/**
 * The statistics from counts instead of judgments. What the figures of one criterion need is small
 * and can be counted where the judgments live (lib/results/reductions.ts counts them in
 * PostgreSQL): the votes per (pair, answer, side shown left), and per-annotator tallies. From
 * these, criterionInputFromReduction builds exactly the CriterionInput that
 * criterionInputFromJudgments builds from the judgments themselves (same units in the same order,
 * same agreement table, same position counts, same annotator quality), so both give the same
 * figures, byte for byte (lib/stats/reduced.test.ts).
 */

/** The winners in the order of PairVotes.votes. */
export const WINNERS: readonly Winner[] = ["A", "B", "tie"];

/** The analysed votes on one pair under one criterion. */
export interface PairVotes {
  /** The pair as its judgments describe it. */
  pair: Pick<Judgment, "pairId" | "promptId" | "category" | "challenge" | "modelA" | "modelB" | "criterion">;
  /**
   * Votes by answer and side: index 2·w + s, w = 0 (A), 1 (B), 2 (tie) as in WINNERS, s = 0 when
   * model A's image was shown on the left, 1 when model B's was.
   */
  votes: number[];
}

/** One criterion, reduced. */
export interface ReducedCriterion {
  criterion: string | null;
  /** In order of each pair's first judgment (the order judgments are read and exported in). */
  pairs: PairVotes[];
  /** The answers of the annotators who judged under this criterion (AnnotatorAnswers, in judgment order). */
  annotators: AnnotatorAnswers[];
  /** Dawid–Skene only: every judgment as a rating (item = pair, rater = annotator, label = winner), in judgment order. */
  ratings?: readonly Rating[];
}

/**
 * The CriterionInput of a reduced criterion (see criterionInputFromJudgments). Units: one per pair
 * (majority of its votes) or, when counting judgments, one per vote (the same object repeated: a
 * unit's annotator and timing do not enter the figures built from units). Complexity: O(pairs)
 * for majority, O(judgments) references for judgment counting, plus annotatorQualityFromAnswers.
 */
export function criterionInputFromReduction(
  reduced: ReducedCriterion,
  settings: CampaignStatsSettings = {},
): CriterionInput {
  return { ...criterionVotesFromReduction(reduced, settings), ...criterionAnnotatorsFromAnswers(reduced.annotators) };
}

/** The part of criterionInputFromReduction read from the votes alone (for campaignStatsInTwoSteps). */
export function criterionVotesFromReduction(
  reduced: Omit<ReducedCriterion, "annotators">,
  settings: CampaignStatsSettings = {},
): CriterionVotesInput {
  const s = resolveSettings(settings);
  const { units, majority, position, counts, prompts, judgments } = reducedUnits(reduced, s);
  const ratings: RatingTable = {
    items: reduced.pairs.map((p) => p.pair.pairId),
    categories: [...AGREEMENT_LABELS],
    counts,
  };
  let dawidSkene = null;
  if (s.dawidSkene) {
    if (!reduced.ratings) throw new Error("criterionInputFromReduction: Dawid–Skene needs the ratings");
    dawidSkene = dawidSkeneSummary(reduced.ratings, majority);
  }
  return {
    criterion: reduced.criterion,
    units,
    judgments,
    pairs: reduced.pairs.length,
    prompts,
    ratings,
    position,
    dawidSkene,
  };
}

/** The part of criterionInputFromReduction read from the annotators' answers (ReducedCriterion.annotators). */
export function criterionAnnotatorsFromAnswers(annotators: readonly AnnotatorAnswers[]): CriterionAnnotators {
  return { annotators: annotators.length, annotatorQuality: annotatorQualityFromAnswers(annotators) };
}

/**
 * headToHeadsFromInputs' input of a reduced criterion: what computeHeadToHeads builds from the
 * same judgments. `annotators`: how many judged. Complexity as criterionInputFromReduction.
 */
export function headToHeadInputFromReduction(
  reduced: Omit<ReducedCriterion, "annotators" | "ratings">,
  annotators: number,
  settings: CampaignStatsSettings = {},
): HeadToHeadInput {
  return { ...headToHeadVotesFromReduction(reduced, settings), annotators };
}

/** headToHeadInputFromReduction without the annotator count (for headToHeadsInTwoSteps). */
export function headToHeadVotesFromReduction(
  reduced: Omit<ReducedCriterion, "annotators" | "ratings">,
  settings: CampaignStatsSettings = {},
): Omit<HeadToHeadInput, "annotators"> {
  const { units, judgments } = reducedUnits(reduced, resolveSettings(settings));
  return { criterion: reduced.criterion, units, judgments };
}

/** The outcome units, majority units, position counts, agreement counts, prompts and judgments of a reduced criterion. */
function reducedUnits(reduced: Pick<ReducedCriterion, "pairs">, s: ReturnType<typeof resolveSettings>) {
  if (s.leaderboardResample !== "prompts")
    throw new Error("criterionInputFromReduction: resampling judgments needs the judgments in their order");
  const units: Judgment[] = [];
  const majority: Judgment[] = [];
  const position = emptyPositionCounts();
  const counts: number[][] = [];
  const prompts = new Set<string>();
  let judgments = 0;
  for (const { pair, votes } of reduced.pairs) {
    const byWinner = [0, 1, 2].map((w) => votes[2 * w] + votes[2 * w + 1]);
    const unit: Judgment = {
      pairId: pair.pairId,
      promptId: pair.promptId,
      category: pair.category,
      challenge: pair.challenge,
      modelA: pair.modelA,
      modelB: pair.modelB,
      winner: majorityOfCounts(byWinner[0], byWinner[1], byWinner[2]),
      criterion: pair.criterion,
      goldWinner: undefined,
    };
    majority.push(unit);
    for (const [w, winner] of WINNERS.entries()) {
      for (const side of [0, 1]) {
        const n = votes[2 * w + side];
        if (n === 0) continue;
        const leftModel = side === 0 ? pair.modelA : pair.modelB;
        addPositionVote(position, { leftModel, modelA: pair.modelA, modelB: pair.modelB, winner }, n);
        if (s.counting === "judgment") {
          const vote: Judgment = { ...unit, winner };
          for (let k = 0; k < n; k++) units.push(vote);
        }
      }
    }
    // Agreement's categories in AGREEMENT_LABELS order: B, tie, A.
    counts.push([byWinner[1], byWinner[2], byWinner[0]]);
    prompts.add(pair.promptId);
    judgments += byWinner[0] + byWinner[1] + byWinner[2];
  }
  return {
    units: s.counting === "judgment" ? units : majority,
    majority,
    position,
    counts,
    prompts: prompts.size,
    judgments,
  };
}
