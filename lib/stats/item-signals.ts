/**
 * Quality signals of one annotator of a rating or ranking campaign (issue 22), from counts the
 * live summary reads (no answer is re-read): shown beside the annotator for the researcher to
 * judge, never applied by themselves (unlike the pairwise flags set while voting).
 */
export interface ItemAnswerCounts {
  /** Answers given (a rating per image and aspect; a ranking per set). */
  answers: number;
  /** Per criterion the count of the annotator's most frequent answer, summed over criteria. */
  modalAnswers: number;
  /** Median answer time in ms (null when no time was recorded). */
  medianMs: number | null;
}

/** Fewer answers than this say nothing about straight-lining. */
export const STRAIGHT_LINE_MIN_ANSWERS = 10;
/** The share of one answer (per criterion) from which an annotator is straight-lining. */
export const STRAIGHT_LINE_SHARE = 0.9;
/** Fewer timed answers than this say nothing about speed (the pairwise live check's window). */
export const FAST_MIN_ANSWERS = 10;

/**
 * The signals, in words:
 * - straight-lining: at least STRAIGHT_LINE_MIN_ANSWERS answers of which at least
 *   STRAIGHT_LINE_SHARE were the annotator's most frequent answer on their criterion — for a
 *   rating the same value on an aspect whatever the image; for a ranking the same ranks by display
 *   slot whatever the images (slots are shuffled per set, so that order follows the screen, not the
 *   images);
 * - speed: at least FAST_MIN_ANSWERS answers with a median time below the campaign's floor
 *   (`minMs`, its minJudgmentMs; 0 turns it off), as the pairwise live check reads a median.
 * Reference: Krosnick (1991), Appl. Cogn. Psychol. 5:213 (satisficing, non-differentiation);
 * Meade & Craig (2012), Psychol. Methods 17:437 (long-string and response-time indices).
 * Complexity: O(1).
 */
export function itemAnswerSignals(a: ItemAnswerCounts, kind: "rating" | "ranking", minMs: number): string[] {
  const signals: string[] = [];
  if (a.answers >= STRAIGHT_LINE_MIN_ANSWERS && a.modalAnswers >= STRAIGHT_LINE_SHARE * a.answers) {
    const share = Math.round((100 * a.modalAnswers) / a.answers);
    signals.push(
      kind === "rating"
        ? `straight-lining: the same rating on each aspect in ${share}% of ${a.answers} ratings`
        : `straight-lining: the same order by screen position in ${share}% of ${a.answers} rankings`,
    );
  }
  if (minMs > 0 && a.medianMs !== null && a.answers >= FAST_MIN_ANSWERS && a.medianMs < minMs)
    signals.push(`fast: median ${Math.round(a.medianMs)} ms (floor ${minMs} ms)`);
  return signals;
}
