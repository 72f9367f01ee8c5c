import "server-only";
import type { Prisma } from "../db";
import { run } from "../db/prepared";
import { TRANSACTION_NOW } from "../judgments/statements";
import { UNDO_GRACE_SECONDS, UNDO_SECONDS } from "../judgments/undo-judgment";

// What undoing a rating or a ranking shares (the pairwise undo's window, lib/judgments/undo-judgment.ts).

/** The database clock now, and the earliest creation time an answer can still be undone at (UNDO_SECONDS plus the grace). */
export async function undoWindowStart(tx: Prisma.TransactionClient): Promise<{ now: Date; since: Date }> {
  const [{ now }] = await run(TRANSACTION_NOW, [], tx);
  return { now, since: new Date(now.getTime() - (UNDO_SECONDS + UNDO_GRACE_SECONDS) * 1000) };
}

/** An assignment leased again, first among the annotator's open leases. */
export const reopened = (now: Date, leaseSeconds: number) => ({
  status: "leased" as const,
  completedAt: null,
  leaseExpiresAt: new Date(now.getTime() + leaseSeconds * 1000),
  createdAt: new Date(0),
});
