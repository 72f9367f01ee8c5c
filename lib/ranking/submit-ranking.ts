import "server-only";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { answerFields, withNextView, type AnswerPath } from "../judgments/answer-once";
import { itemTarget } from "../rating/lease-items";
import { recordItemAnswer } from "../rating/record-item-answer";
import { nextRankingView, type RankingNextView } from "./ranking-view";
import { RANKING_ITEMS, RANKING_SUBMIT_CONTEXT, RANKING_WRITE } from "./statements";

export const submitRankingSchema = z.strictObject({
  assignmentId: answerFields.assignmentId,
  /** ranks[s]: the rank of the image in slot s + 1 (1 = best; equal ranks are ties). */
  ranks: z.array(z.number().int()).min(2).max(6),
  idempotencyKey: answerFields.idempotencyKey,
  latencyMs: answerFields.latencyMs,
  /** The campaign whose next set to return with the answer. */
  nextFor: answerFields.nextFor,
});

export type SubmitRankingInput = z.infer<typeof submitRankingSchema>;

export interface SubmitRankingResult {
  rankingId: string;
  replayed: boolean;
  next?: RankingNextView;
}

/**
 * Records one annotator's order of their leased set, exactly once, and (with `nextFor`) returns the
 * next view in the same response — the rating path's rules (lib/rating/submit-rating.ts): one rank
 * per slot, each 1…K (a 422 naming `ranks` or `ranks.N`); idempotent by the client's key; never
 * beyond the set's target (a lapsed lease counts only while nobody took its slot); another
 * annotator's assignment is a 404; a campaign not annotating a 409.
 */
export const submitRanking: AnswerPath<SubmitRankingResult> = async (annotatorId, input, options = {}) => {
  const body = parseOrThrow(submitRankingSchema, input, "ranking");
  return recordItemAnswer(annotatorId, body, options, {
    context: RANKING_SUBMIT_CONTEXT,
    items: RANKING_ITEMS,
    kind: "ranking",
    kinds: "rankings",
    sameAnswer: (stored) => stored.ranks.join(",") === body.ranks.join(","),
    replayed: (stored): SubmitRankingResult => ({ rankingId: stored.id, replayed: true }),
    check: (ctx) => {
      const k = ctx.slotOrder!.length;
      if (body.ranks.length !== k)
        throw new AppError("VALIDATION", `ranks: one rank per image, ${k} in all (got ${body.ranks.length})`, [
          { field: "ranks", message: `one rank per image: ${k}` },
        ]);
      body.ranks.forEach((rank, s) => {
        if (rank < 1 || rank > k)
          throw new AppError("VALIDATION", `ranks.${s}: ${rank} is not between 1 and ${k}`, [
            { field: `ranks.${s}`, message: `between 1 and ${k}` },
          ]);
      });
      if (ctx.answered) throw new AppError("CONFLICT", "This set was already ranked");
      const criteria = ctx.criteria ?? [];
      return { itemId: ctx.itemId!, target: itemTarget(criteria), criterionId: criteria[0].id };
    },
    write: RANKING_WRITE,
    value: body.ranks,
    tail: () => [],
    gone: "These images no longer need your answer; load the next ones",
    answered: "This set was already ranked",
    recorded: (rankingId) =>
      withNextView({ rankingId, replayed: false }, body.nextFor, (campaignId) =>
        nextRankingView(campaignId, annotatorId),
      ),
  });
};
