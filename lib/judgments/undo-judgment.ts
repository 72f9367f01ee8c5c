import "server-only";
import { db } from "../db";
import { VOTING_TX } from "../assignment/transaction-options";
import { AppError } from "../errors";
import { run } from "../db/prepared";
import { TRANSACTION_NOW } from "./statements";

/** How long after a vote the voting page offers Undo (the server allows a little more for latency). */
export const UNDO_SECONDS = 8;
export const UNDO_GRACE_SECONDS = 4;

/**
 * Takes back an annotator's own judgment within UNDO_SECONDS: the row is deleted and its
 * assignment is leased again (a fresh lease), so the next call shows that pair to answer anew.
 * Idempotent: undoing what is already gone is a 404. The window and the lease are measured on
 * the database's clock, which stamped the judgment (web servers' clocks may differ from it).
 */
export async function undoJudgment(annotatorId: string, judgmentId: string): Promise<{ assignmentId: string }> {
  return db.$transaction(async (tx) => {
    const judgment = await tx.judgment.findFirst({
      where: { id: judgmentId, annotatorId },
      select: { assignmentId: true, pair: { select: { campaign: { select: { status: true, leaseSeconds: true } } } } },
    });
    if (!judgment) throw new AppError("NOT_FOUND", "Judgment not found");
    const campaign = judgment.pair.campaign;
    if (campaign.status !== "annotating")
      throw new AppError("CONFLICT", `Campaign is ${campaign.status}, not taking changes`);
    const [{ now }] = await run(TRANSACTION_NOW, [], tx);
    const { count } = await tx.judgment.deleteMany({
      where: {
        id: judgmentId,
        annotatorId,
        createdAt: { gt: new Date(now.getTime() - (UNDO_SECONDS + UNDO_GRACE_SECONDS) * 1000) },
      },
    });
    if (count === 0) throw new AppError("CONFLICT", `A judgment can be undone only within ${UNDO_SECONDS} seconds`);
    // createdAt moves to the front of the annotator's open leases, so this pair is shown next.
    await tx.assignment.update({
      where: { id: judgment.assignmentId },
      data: {
        status: "leased",
        completedAt: null,
        leaseExpiresAt: new Date(now.getTime() + campaign.leaseSeconds * 1000),
        createdAt: new Date(0),
      },
    });
    return { assignmentId: judgment.assignmentId };
  }, VOTING_TX);
}
