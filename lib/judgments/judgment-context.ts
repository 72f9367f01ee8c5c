import "server-only";
import { run } from "../db/prepared";
import { FAST_WINDOW } from "./quality-checks";
import { RATE_WINDOW_SECONDS } from "../access/rate-limit";
import { JUDGMENT_CONTEXT, type AssignmentJudgmentContext, type JudgmentContextRow } from "./statements";

/**
 * Everything submitJudgment checks before writing, in ONE prepared statement (JUDGMENT_CONTEXT):
 * the annotator's recorded judgments in the rate window, a judgment already stored under this
 * idempotency key, the assignment (only if it is theirs) with its pair, campaign, criteria and
 * answered criteria, and what the quality checks need (QualityInputs: their flag, the campaign's
 * limits, their latest latencies, read only when the campaign has a minimum judgment time).
 * `assignmentId` is null (and so is every column of the assignment) when it is not theirs.
 */
export type JudgmentContext = JudgmentContextRow;
export type { AssignmentJudgmentContext };

export async function loadJudgmentContext(
  annotatorId: string,
  assignmentId: string,
  idempotencyKey: string,
): Promise<JudgmentContext> {
  const [row] = await run(JUDGMENT_CONTEXT, [
    annotatorId,
    RATE_WINDOW_SECONDS,
    idempotencyKey,
    FAST_WINDOW,
    assignmentId,
  ]);
  return row;
}
