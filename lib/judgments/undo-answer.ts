import "server-only";
import type pg from "pg";
import { AppError } from "../errors";
import { execute, run, transaction } from "../db/prepared";
import type { undoStatements } from "./statements";

/** How long after an answer the answer pages offer Undo (the server allows a little more for latency). */
export const UNDO_SECONDS = 8;
export const UNDO_GRACE_SECONDS = 4;

/**
 * Takes back an annotator's own answer (a vote, a rating, a ranking; `kind` names it) within
 * UNDO_SECONDS, in one transaction of the task type's `statements` (undoStatements): an answer that
 * is not theirs, or already gone, is a 404; a campaign not annotating is a 409; so is an answer past
 * the window. The answer is deleted and its assignment leased again, first among the annotator's
 * open leases, so their next view shows that item to answer anew. The window and the lease are
 * measured on the database's clock, which stamped the answer (web servers' clocks may differ).
 * `thenInside` runs in the same transaction after the assignment is reopened: what else a task type
 * takes back with the answer (curation: a next-stage item the vote had earned).
 */
export async function undoAnswer(
  kind: string,
  statements: ReturnType<typeof undoStatements>,
  annotatorId: string,
  answerId: string,
  thenInside?: (tx: pg.PoolClient, assignmentId: string) => Promise<void>,
): Promise<{ assignmentId: string }> {
  return transaction(async (tx) => {
    const [answer] = await run(statements.FIND, [answerId, annotatorId], tx);
    if (!answer) throw new AppError("NOT_FOUND", `${kind[0].toUpperCase()}${kind.slice(1)} not found`);
    if (answer.status !== "annotating")
      throw new AppError("CONFLICT", `Campaign is ${answer.status}, not taking changes`);
    const deleted = await run(statements.DELETE_RECENT, [answerId, annotatorId, UNDO_SECONDS + UNDO_GRACE_SECONDS], tx);
    if (deleted.length === 0)
      throw new AppError("CONFLICT", `A ${kind} can be undone only within ${UNDO_SECONDS} seconds`);
    await execute(statements.REOPEN, [answer.assignmentId, answer.leaseSeconds], tx);
    await thenInside?.(tx, answer.assignmentId);
    return { assignmentId: answer.assignmentId };
  });
}
