import "server-only";
import type pg from "pg";
import { AppError } from "../errors";
import { run, transaction, type Statement } from "../db/prepared";
import { newId } from "../db/new-id";
import { assertUnderJudgmentLimit } from "../access/rate-limit";
import {
  assertSameAnswer,
  loadAnswerContext,
  replayAfterRace,
  type AnswerKey,
  type AnswerOptions,
  type StoredAnswer,
} from "../judgments/answer-once";
import type { itemLeaseStatements, ItemAnswerWriteParams, SubmitContextParams } from "./statements";

/** What every item submit context row has (RatingSubmitContextRow, RankingSubmitContextRow). */
interface ItemAnswerContext {
  /** An answer already stored under this idempotency key (anyone's), or null. */
  replay: StoredAnswer | null;
  /** Null when the assignment is not this annotator's. */
  assignmentId: string | null;
  campaignStatus: string | null;
  /** The lease is still live (by the database clock). */
  live: boolean | null;
  /** The annotator's answers in the rate window. */
  recent: number;
}

/** What a task type's checks found: the item to lock, its target (slots), the criterion answered. */
export interface CheckedItemAnswer {
  itemId: string;
  target: number;
  criterionId: string;
}

/**
 * The steps of an answer on a leased item (rating, ranking) around the task type's own checks, so
 * both follow the pairwise vote's rules (lib/judgments/submit-judgment.ts) the same way:
 * 1. the submit context (`context`, one statement), the rate limit (`options.rateLimit`), a replay
 *    of a key seen before (`replayed`, when the stored answer is the same: `sameAnswer`; a 409 naming
 *    `idempotencyKey` and the `kind` otherwise), a 404 for another annotator's assignment, a 409 when
 *    the campaign is not annotating (`kinds`: "ratings", "rankings");
 * 2. `check`: the task type's validation (422s, "already answered" 409s), returning the item, the
 *    criterion and what `tail` needs;
 * 3. in one transaction, the item row locked: a lapsed lease counts only while its slot is free
 *    (`items.SLOTS_TAKEN` under `target`, else a 410 saying `gone`), then the `write` statement
 *    (`value` and the task type's `tail` parameters), then `inside` (what else the task type writes
 *    with the answer, in the same transaction: curation decides the image and advances it);
 *    two copies of one request racing past step 1 replay the winner (`answered`: the 409 otherwise);
 * 4. `recorded`: the result of a new answer (with the next view, say).
 */
export async function recordItemAnswer<
  Row extends ItemAnswerContext,
  Checked extends CheckedItemAnswer,
  Value,
  Tail extends unknown[],
  Result,
>(
  annotatorId: string,
  body: AnswerKey & { latencyMs?: number },
  options: AnswerOptions,
  steps: {
    context: Statement<Row, SubmitContextParams>;
    items: ReturnType<typeof itemLeaseStatements>;
    kind: string;
    kinds: string;
    sameAnswer: (stored: NonNullable<Row["replay"]>) => boolean;
    replayed: (stored: NonNullable<Row["replay"]>) => Result;
    check: (ctx: Row) => Checked;
    write: Statement<{ id: string }, ItemAnswerWriteParams<Value, Tail>>;
    value: Value;
    tail: (ctx: Row, checked: Checked) => Tail;
    inside?: (tx: pg.PoolClient, checked: Checked) => Promise<void>;
    recorded: (answerId: string, checked: Checked) => Result | Promise<Result>;
    gone: string;
    answered: string;
  },
): Promise<Result> {
  const replay = (stored: NonNullable<Row["replay"]>) => {
    assertSameAnswer(stored, annotatorId, body, steps.sameAnswer(stored), steps.kind);
    return steps.replayed(stored);
  };
  const ctx = await loadAnswerContext(steps.context, annotatorId, body);
  if (options.rateLimit !== undefined) assertUnderJudgmentLimit(ctx.recent, options.rateLimit);
  if (ctx.replay) return replay(ctx.replay as NonNullable<Row["replay"]>);
  if (ctx.assignmentId === null) throw new AppError("NOT_FOUND", "Assignment not found");
  if (ctx.campaignStatus !== "annotating")
    throw new AppError("CONFLICT", `Campaign is ${ctx.campaignStatus}, not taking ${steps.kinds}`);
  const checked = steps.check(ctx);
  let answerId: string;
  try {
    answerId = await transaction(async (tx) => {
      await run(steps.items.LOCK_ITEM, [checked.itemId], tx);
      if (!ctx.live) {
        const [taken] = await run(steps.items.SLOTS_TAKEN, [[checked.itemId], annotatorId], tx);
        if ((taken?.n ?? 0) >= checked.target) throw new AppError("GONE", steps.gone);
      }
      const [written] = await run(
        steps.write,
        [
          newId(),
          checked.itemId,
          checked.criterionId,
          annotatorId,
          ctx.assignmentId!,
          steps.value,
          body.latencyMs ?? null,
          body.idempotencyKey,
          ...steps.tail(ctx, checked),
        ],
        tx,
      );
      await steps.inside?.(tx, checked);
      return written.id;
    });
  } catch (error) {
    return replayAfterRace(error, () => loadAnswerContext(steps.context, annotatorId, body), replay, steps.answered);
  }
  return steps.recorded(answerId, checked);
}
