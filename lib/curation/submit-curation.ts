import "server-only";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { run } from "../db/prepared";
import { newId } from "../db/new-id";
import { answerFields, withNextView, type AnswerPath } from "../judgments/answer-once";
import { recordItemAnswer } from "../rating/record-item-answer";
import { decideImage } from "../stats/curation";
import { readStoredCuration, stageRules } from "./curation-spec";
import { nextCurationView, type CurationNextView } from "./curation-view";
import {
  CURATION_ADVANCE,
  CURATION_STAGE1_ITEMS,
  CURATION_SUBMIT_CONTEXT,
  CURATION_TALLY,
  CURATION_WRITE,
} from "./statements";

export const submitCurationSchema = z.strictObject({
  assignmentId: answerFields.assignmentId,
  /** true: accept (the image meets the rubric); false: reject. */
  accept: z.boolean(),
  idempotencyKey: answerFields.idempotencyKey,
  latencyMs: answerFields.latencyMs,
  nextFor: answerFields.nextFor,
});

export interface SubmitCurationResult {
  curationId: string;
  replayed: boolean;
  /** The image's decision at this stage after this vote (lib/stats/curation decideImage). */
  decision: "accepted" | "rejected" | "pending" | null;
  next?: CurationNextView;
}

/**
 * Records one annotator's accept / reject of their leased image at its stage, exactly once — the
 * rating's rules (lib/rating/submit-rating.ts: idempotent by the client's key, never beyond the
 * stage's votes per image, a lapsed lease counts only while nobody took its slot, another
 * annotator's assignment is a 404, a campaign not annotating a 409) — and, with the item row
 * locked, decides the image at this stage (decideImage on its votes): an image a stage accepts
 * goes on to the next stage, where only experts are served it.
 */
export const submitCurationVote: AnswerPath<SubmitCurationResult> = async (annotatorId, input, options = {}) => {
  const body = parseOrThrow(submitCurationSchema, input, "curation vote");
  let decision: SubmitCurationResult["decision"] = null;
  return recordItemAnswer(annotatorId, body, options, {
    context: CURATION_SUBMIT_CONTEXT,
    // Both stages' items are CurationItems: the lock and the slot rule are the same statements.
    items: CURATION_STAGE1_ITEMS,
    kind: "curation vote",
    kinds: "votes",
    sameAnswer: (stored) => stored.accept === body.accept,
    replayed: (stored): SubmitCurationResult => ({ curationId: stored.id, replayed: true, decision: null }),
    check: (ctx) => {
      if (ctx.criterionId === null || ctx.itemId === null || ctx.stage === null || ctx.target === null)
        throw new AppError("NOT_FOUND", "Assignment not found");
      if (ctx.answered) throw new AppError("CONFLICT", "This image was already judged on this assignment");
      const rules = stageRules(readStoredCuration(ctx.curation).stages);
      return {
        itemId: ctx.itemId,
        target: ctx.target,
        criterionId: ctx.criterionId,
        rule: rules[ctx.stage - 1],
        lastStage: ctx.stage >= rules.length,
      };
    },
    write: CURATION_WRITE,
    value: body.accept,
    tail: () => [],
    inside: async (tx, checked) => {
      const [tally] = await run(CURATION_TALLY, [checked.itemId], tx);
      decision = checked.rule ? decideImage(tally.accepts, tally.rejects, checked.rule) : null;
      if (decision === "accepted" && !checked.lastStage) await run(CURATION_ADVANCE, [newId(), checked.itemId], tx);
    },
    recorded: (curationId) =>
      withNextView({ curationId, replayed: false, decision }, body.nextFor, (campaignId) =>
        nextCurationView(campaignId, annotatorId),
      ),
    gone: "This image no longer needs your answer; load the next one",
    answered: "This image was already judged on this assignment",
  });
};
