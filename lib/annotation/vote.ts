import "server-only";
import { z } from "zod";
import { AppError, parseOrThrow } from "../errors";
import { submitJudgment, submitJudgmentSchema, type SubmitJudgmentResult } from "../judgments/submit-judgment";
import { nextAssignmentView, type NextView } from "./assignment-view";

export const voteSchema = submitJudgmentSchema.extend({
  /** The campaign whose next pair to return with the answer (the voting page sends it after a pair's last answer). */
  nextFor: z.string().min(1).max(64).optional(),
});

export type VoteResult = SubmitJudgmentResult & { next?: NextView };

/**
 * One vote: the judgment recorded (exactly once, lib/judgments/submit-judgment.ts) and, when asked,
 * the next view in the same response — one HTTP round trip per vote instead of two. The judgment
 * stands whatever happens next: when the next view is refused (the campaign was paused, say), the
 * answer carries no `next` and the page asks /next, which explains the refusal. Takes what
 * submitJudgment takes (the body may add `nextFor`).
 */
export async function vote(...args: Parameters<typeof submitJudgment>): Promise<VoteResult> {
  const [annotatorId, input, options] = args;
  const body = parseOrThrow(voteSchema, input, "judgment");
  const result = await submitJudgment(annotatorId, body, options);
  if (!body.nextFor || result.sessionEnded) return result;
  try {
    return { ...result, next: await nextAssignmentView(body.nextFor, annotatorId) };
  } catch (error) {
    if (error instanceof AppError) return result;
    throw error;
  }
}
