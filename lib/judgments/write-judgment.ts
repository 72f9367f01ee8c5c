import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { AppError } from "../errors";
import { VOTING_TX } from "../assignment/transaction-options";
import { slotsTaken } from "../assignment/occupancy";
import { newId } from "../db/new-id";
import type { AssignmentJudgmentContext } from "./judgment-context";
import { LOCK_PAIR, WRITE_AFTER_LAPSE, WRITE_LIVE, type WriteJudgmentParams } from "./statements";
import type { SubmitJudgmentInput } from "./submit-judgment";

type Criterion = { id: string; judgmentsPerPair: number };

/**
 * Writes the judgment and moves the assignment on (completed, or its lease renewed); returns
 * the judgment's id.
 *
 * Both write the same way (statements.ts), times by the database clock.
 *
 * Live lease (the common case): ONE prepared statement. It locks the pair row first, as the lease engine
 * does, so no lease is counted on this pair while the judgment is written; the lease is
 * re-checked against the database clock in the same statement, and if it lapsed meanwhile
 * nothing is written and the lapsed path below decides. A live lease already holds this
 * criterion's slot, so turning it into a judgment never overfills the pair.
 *
 * Lapsed lease: a transaction that locks the pair, then (in a later statement, which sees every
 * commit before the lock) recounts the slots; the answer counts only if nobody took its place.
 */
export async function writeJudgment(
  ctx: AssignmentJudgmentContext,
  criterion: Criterion,
  annotatorId: string,
  body: SubmitJudgmentInput,
  completes: boolean,
): Promise<string> {
  const params: WriteJudgmentParams = [
    newId(),
    ctx.pairId,
    criterion.id,
    annotatorId,
    body.choice,
    ctx.leftImageId,
    body.latencyMs ?? null,
    body.idempotencyKey,
    ctx.assignmentId,
    completes,
    ctx.leaseSeconds,
  ];
  if (ctx.live) {
    const [written] = await run(WRITE_LIVE, params);
    if (written) return written.id;
  }
  return db.$transaction(async (tx) => {
    await run(LOCK_PAIR, [ctx.pairId], tx);
    // A lapsed lease may still count if nobody took its place (slots counted as the
    // assignment engine counts them).
    const taken = await slotsTaken(tx, ctx.pairId, annotatorId);
    if ((taken.get(criterion.id) ?? 0) >= criterion.judgmentsPerPair)
      throw new AppError("GONE", "This pair no longer needs your answer; load the next one");
    const [written] = await run(WRITE_AFTER_LAPSE, params, tx);
    return written.id;
  }, VOTING_TX);
}

/** A unique-key violation, from a Prisma model call (P2002), Prisma raw SQL or pg itself (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
    message?: string;
  };
  if (e?.code === "P2002" || e?.code === "23505") return true;
  if (e?.meta?.code === "23505") return true;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode === "23505" || cause?.kind === "UniqueConstraintViolation") return true;
  return e?.code === "P2010" && /23505|unique constraint/i.test(e.message ?? "");
}
