import "server-only";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import { run } from "../db/prepared";
import { VOTING_TX } from "../assignment/transaction-options";
import { TRANSACTION_NOW } from "./statements";

/** How long after an answer the answer pages offer Undo (the server allows a little more for latency). */
export const UNDO_SECONDS = 8;
export const UNDO_GRACE_SECONDS = 4;

/** An answer found for undoing: its assignment and campaign. */
export interface UndoneAnswer {
  assignmentId: string;
  campaign: { status: string; leaseSeconds: number };
}

/** What an assignment becomes when its answer is undone: leased again, first among the annotator's open leases. */
export interface ReopenedAssignment {
  status: "leased";
  completedAt: null;
  leaseExpiresAt: Date;
  createdAt: Date;
}

/**
 * Takes back an annotator's own answer (a vote, a rating, a ranking) within UNDO_SECONDS, in one
 * transaction: `find` reads it only when it is the annotator's (else a 404, so undoing what is
 * already gone is a 404 too); a campaign not annotating is a 409; `remove` deletes it only when it
 * was created after `since` (nothing deleted: the window passed, a 409 naming `kind`); `reopen`
 * leases its assignment again (a fresh lease, createdAt at the epoch so it is shown next). The
 * window and the lease are measured on the database's clock, which stamped the answer (web
 * servers' clocks may differ from it).
 */
export async function undoAnswer(
  kind: string,
  steps: {
    find: (tx: Prisma.TransactionClient) => Promise<UndoneAnswer | null>;
    remove: (tx: Prisma.TransactionClient, since: Date) => Promise<{ count: number }>;
    reopen: (tx: Prisma.TransactionClient, assignmentId: string, data: ReopenedAssignment) => Promise<unknown>;
  },
): Promise<{ assignmentId: string }> {
  return db.$transaction(async (tx) => {
    const answer = await steps.find(tx);
    if (!answer) throw new AppError("NOT_FOUND", `${kind[0].toUpperCase()}${kind.slice(1)} not found`);
    const { campaign } = answer;
    if (campaign.status !== "annotating")
      throw new AppError("CONFLICT", `Campaign is ${campaign.status}, not taking changes`);
    const [{ now }] = await run(TRANSACTION_NOW, [], tx);
    const { count } = await steps.remove(tx, new Date(now.getTime() - (UNDO_SECONDS + UNDO_GRACE_SECONDS) * 1000));
    if (count === 0) throw new AppError("CONFLICT", `A ${kind} can be undone only within ${UNDO_SECONDS} seconds`);
    await steps.reopen(tx, answer.assignmentId, {
      status: "leased",
      completedAt: null,
      leaseExpiresAt: new Date(now.getTime() + campaign.leaseSeconds * 1000),
      createdAt: new Date(0),
    });
    return { assignmentId: answer.assignmentId };
  }, VOTING_TX);
}
