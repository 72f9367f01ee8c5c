import "server-only";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { run, transaction } from "../db/prepared";
import { newId } from "../db/new-id";
import { assertUnderJudgmentLimit } from "../access/rate-limit";
import {
  answerFields,
  assertSameAnswer,
  loadAnswerContext,
  replayAfterRace,
  withNextView,
} from "../judgments/answer-once";
import { decideImage } from "../stats/curation";
import { readStoredCuration, stageRules } from "./curation-spec";
import { nextCurationView, type CurationNextView } from "./curation-view";
import {
  CURATION_ADVANCE,
  CURATION_STAGE1_ITEMS,
  CURATION_SUBMIT_CONTEXT,
  CURATION_TALLY,
  CURATION_WRITE,
  type CurationSubmitContextRow,
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
export async function submitCurationVote(
  annotatorId: string,
  input: unknown,
  options: { rateLimit?: number } = {},
): Promise<SubmitCurationResult> {
  const body = parseOrThrow(submitCurationSchema, input, "curation vote");
  const ctx = await loadAnswerContext(CURATION_SUBMIT_CONTEXT, annotatorId, body);
  if (options.rateLimit !== undefined) assertUnderJudgmentLimit(ctx.recent, options.rateLimit);
  if (ctx.replay) return replayOf(ctx.replay, annotatorId, body);
  if (ctx.assignmentId === null || ctx.criterionId === null) throw new AppError("NOT_FOUND", "Assignment not found");
  if (ctx.campaignStatus !== "annotating")
    throw new AppError("CONFLICT", `Campaign is ${ctx.campaignStatus}, not taking votes`);
  if (ctx.answered) throw new AppError("CONFLICT", "This image was already judged on this assignment");
  const rules = stageRules(readStoredCuration(ctx.curation).stages);
  const rule = rules[ctx.stage! - 1];
  let written: { id: string; decision: SubmitCurationResult["decision"] };
  try {
    written = await transaction(async (tx) => {
      await run(CURATION_STAGE1_ITEMS.LOCK_ITEM, [ctx.itemId!], tx);
      if (!ctx.live) {
        const [taken] = await run(CURATION_STAGE1_ITEMS.SLOTS_TAKEN, [[ctx.itemId!], annotatorId], tx);
        if ((taken?.n ?? 0) >= ctx.target!)
          throw new AppError("GONE", "This image no longer needs your answer; load the next one");
      }
      const [vote] = await run(
        CURATION_WRITE,
        [
          newId(),
          ctx.itemId!,
          ctx.criterionId!,
          annotatorId,
          ctx.assignmentId!,
          body.accept,
          body.latencyMs ?? null,
          body.idempotencyKey,
        ],
        tx,
      );
      const [tally] = await run(CURATION_TALLY, [ctx.itemId!], tx);
      const decision = rule ? decideImage(tally.accepts, tally.rejects, rule) : null;
      if (decision === "accepted" && ctx.stage! < rules.length) await run(CURATION_ADVANCE, [newId(), ctx.itemId!], tx);
      return { id: vote.id, decision };
    });
  } catch (error) {
    return replayAfterRace(
      error,
      () => loadAnswerContext(CURATION_SUBMIT_CONTEXT, annotatorId, body),
      (again) => replayOf(again, annotatorId, body),
      "This image was already judged on this assignment",
    );
  }
  const result: SubmitCurationResult = { curationId: written.id, replayed: false, decision: written.decision };
  return withNextView(result, body.nextFor, (campaignId) => nextCurationView(campaignId, annotatorId));
}

function replayOf(
  existing: NonNullable<CurationSubmitContextRow["replay"]>,
  annotatorId: string,
  body: z.infer<typeof submitCurationSchema>,
): SubmitCurationResult {
  assertSameAnswer(existing, annotatorId, body, existing.accept === body.accept, "curation vote");
  return { curationId: existing.id, replayed: true, decision: null };
}
