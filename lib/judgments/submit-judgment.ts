import "server-only";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { assertUnderJudgmentLimit } from "../access/rate-limit";
import { applyQualityChecks } from "./quality-checks";
import { loadJudgmentContext, type AssignmentJudgmentContext, type JudgmentContext } from "./judgment-context";
import { writeJudgment } from "./write-judgment";
import { answerFields, assertSameAnswer, replayAfterRace, type AnswerPath } from "./answer-once";

export const submitJudgmentSchema = z.object({
  assignmentId: answerFields.assignmentId,
  criterionId: z.string().min(1).max(64),
  choice: z.enum(["left", "right", "tie", "both", "neither"]),
  idempotencyKey: answerFields.idempotencyKey,
  latencyMs: answerFields.latencyMs,
});

export type SubmitJudgmentInput = z.infer<typeof submitJudgmentSchema>;

export interface SubmitJudgmentResult {
  judgmentId: string;
  replayed: boolean;
  assignmentCompleted: boolean;
  /** The annotator was flagged by a quality check: the voting page ends the session politely. */
  sessionEnded: boolean;
}

/**
 * Records one annotator's answer for one criterion of their leased pair, exactly once.
 * - Idempotent: the same idempotency key with the same content returns the stored judgment;
 *   with different content it is a 409.
 * - Never beyond the criterion's target: the pair row is locked while the judgment is written.
 * - Another annotator's assignment is a 404 (its existence is not revealed).
 * - `rateLimit` (the voting route): refused when the annotator recorded that many in the last minute.
 * Two statements on the common path: the context (judgment-context.ts) and the write.
 */
export const submitJudgment: AnswerPath<SubmitJudgmentResult> = async (annotatorId, input, options = {}) => {
  const body = parseOrThrow(submitJudgmentSchema, input, "judgment");
  const ctx = await loadJudgmentContext(annotatorId, body.assignmentId, body.idempotencyKey);
  if (options.rateLimit !== undefined) assertUnderJudgmentLimit(ctx.recent, options.rateLimit);
  if (ctx.replay) return replayOf(ctx.replay, annotatorId, body);
  if (ctx.assignmentId === null) throw new AppError("NOT_FOUND", "Assignment not found");

  const criterion = validate(ctx, body);
  const assignmentCompleted = ctx.criterionIds.every((id) => id === criterion.id || ctx.answered.includes(id));
  let judgmentId: string;
  try {
    judgmentId = await writeJudgment(ctx, criterion, annotatorId, body, assignmentCompleted);
  } catch (error) {
    return replayAfterRace(
      error,
      () => loadJudgmentContext(annotatorId, body.assignmentId, body.idempotencyKey),
      (again) => replayOf(again, annotatorId, body),
      "This criterion was already answered on this pair",
    );
  }
  const flagged = await applyQualityChecks(ctx.campaignId, annotatorId, ctx.isGold, ctx, body.latencyMs);
  return { judgmentId, replayed: false, assignmentCompleted, sessionEnded: flagged };
};

function validate(ctx: AssignmentJudgmentContext, body: SubmitJudgmentInput) {
  if (ctx.campaignStatus !== "annotating")
    throw new AppError("CONFLICT", `Campaign is ${ctx.campaignStatus}, not taking judgments`);
  const criterion = ctx.criteria.find((c) => c.id === body.criterionId);
  if (!criterion || !ctx.criterionIds.includes(criterion.id)) {
    throw new AppError("VALIDATION", "criterionId is not asked on this assignment", [
      { field: "criterionId", message: "not part of this assignment" },
    ]);
  }
  if (!criterion.choices.includes(body.choice)) {
    throw new AppError("VALIDATION", `choice "${body.choice}" is not offered for ${criterion.key}`, [
      { field: "choice", message: `allowed: ${criterion.choices.join(", ")}` },
    ]);
  }
  if (ctx.answered.includes(criterion.id))
    throw new AppError("CONFLICT", "This criterion was already answered on this pair");
  return criterion;
}

function replayOf(
  existing: NonNullable<JudgmentContext["replay"]>,
  annotatorId: string,
  body: SubmitJudgmentInput,
): SubmitJudgmentResult {
  const sameContent = existing.criterionId === body.criterionId && existing.choice === body.choice;
  assertSameAnswer(existing, annotatorId, body, sameContent, "judgment");
  return { judgmentId: existing.id, replayed: true, assignmentCompleted: existing.completed, sessionEnded: false };
}
