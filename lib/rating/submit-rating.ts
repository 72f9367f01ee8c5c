import "server-only";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { answerFields, withNextView, type AnswerPath } from "../judgments/answer-once";
import { RATING_SCALES } from "../stats/rating/scales";
import { fromDbScale } from "./aspect-spec";
import { itemTarget } from "./lease-items";
import { recordItemAnswer } from "./record-item-answer";
import { nextRatingView, type RatingNextView } from "./rating-view";
import { RATING_ITEMS, RATING_SUBMIT_CONTEXT, RATING_WRITE } from "./statements";

export const submitRatingSchema = z.strictObject({
  assignmentId: answerFields.assignmentId,
  aspectId: z.string().min(1).max(64),
  value: z.number().int(),
  idempotencyKey: answerFields.idempotencyKey,
  latencyMs: answerFields.latencyMs,
  /** The campaign whose next image to return with the answer (sent with an image's last answer). */
  nextFor: answerFields.nextFor,
});

export type SubmitRatingInput = z.infer<typeof submitRatingSchema>;

export interface SubmitRatingResult {
  ratingId: string;
  replayed: boolean;
  assignmentCompleted: boolean;
  next?: RatingNextView;
}

/**
 * Records one annotator's answer on one aspect of their leased image, exactly once, and (when
 * asked with `nextFor`) returns the next view in the same response — the pairwise vote's rules
 * (lib/judgments/submit-judgment.ts, lib/annotation/vote.ts):
 * - idempotent by the client's key (same content: the stored rating; other content: 409);
 * - the value must be on the aspect's scale (a 400 naming `value` and the allowed values);
 * - never beyond the image's target: a lapsed lease counts only while nobody took its slot (the
 *   image row locked, slots recounted by the one rule, RATING_ITEMS.SLOTS_TAKEN);
 * - another annotator's assignment is a 404; a campaign not annotating a 409.
 * No quality checks run on ratings (no gold items; see docs/ARCHITECTURE.md, "Rating").
 */
export const submitRating: AnswerPath<SubmitRatingResult> = async (annotatorId, input, options = {}) => {
  const body = parseOrThrow(submitRatingSchema, input, "rating");
  return recordItemAnswer(annotatorId, body, options, {
    context: RATING_SUBMIT_CONTEXT,
    items: RATING_ITEMS,
    kind: "rating",
    kinds: "ratings",
    sameAnswer: (stored) => stored.criterionId === body.aspectId && stored.value === body.value,
    replayed: (stored): SubmitRatingResult => ({
      ratingId: stored.id,
      replayed: true,
      assignmentCompleted: stored.completed,
    }),
    check: (ctx) => {
      const aspects = ctx.aspects ?? [];
      const answered = ctx.answered ?? [];
      const aspect = aspects.find((a) => a.id === body.aspectId);
      if (!aspect)
        throw new AppError("VALIDATION", "aspectId is not asked on this assignment", [
          { field: "aspectId", message: "not an aspect of this campaign" },
        ]);
      const scale = RATING_SCALES[fromDbScale(aspect.scale ?? "likert5")];
      if (!scale.values.includes(body.value))
        throw new AppError("VALIDATION", `value ${body.value} is not on the ${scale.kind} scale of ${aspect.key}`, [
          { field: "value", message: `allowed: ${scale.values.join(", ")}` },
        ]);
      if (answered.includes(aspect.id)) throw new AppError("CONFLICT", "This aspect was already rated on this image");
      const completes = aspects.every((a) => a.id === aspect.id || answered.includes(a.id));
      return { itemId: ctx.imageId!, target: itemTarget(aspects), criterionId: aspect.id, completes };
    },
    write: RATING_WRITE,
    value: body.value,
    tail: (ctx, checked) => [checked.completes, ctx.leaseSeconds!],
    gone: "This image no longer needs your answer; load the next one",
    answered: "This aspect was already rated on this image",
    recorded: (ratingId, { completes }) =>
      withNextView({ ratingId, replayed: false, assignmentCompleted: completes }, body.nextFor, (campaignId) =>
        nextRatingView(campaignId, annotatorId),
      ),
  });
};
