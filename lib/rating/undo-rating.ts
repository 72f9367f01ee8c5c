import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { AppError } from "../errors";
import { VOTING_TX } from "../assignment/transaction-options";
import { TRANSACTION_NOW } from "../judgments/statements";
import { UNDO_GRACE_SECONDS, UNDO_SECONDS } from "../judgments/undo-judgment";

/**
 * Takes back an annotator's own rating within UNDO_SECONDS (the pairwise window): the row is
 * deleted and its assignment leased again at the front of their open leases, so the next view
 * shows that image to answer anew. Undoing what is already gone is a 404.
 */
export async function undoRating(annotatorId: string, ratingId: string): Promise<{ assignmentId: string }> {
  return db.$transaction(async (tx) => {
    const rating = await tx.rating.findFirst({
      where: { id: ratingId, annotatorId },
      select: { assignmentId: true, image: { select: { campaign: { select: { status: true, leaseSeconds: true } } } } },
    });
    if (!rating) throw new AppError("NOT_FOUND", "Rating not found");
    const campaign = rating.image.campaign;
    if (campaign.status !== "annotating")
      throw new AppError("CONFLICT", `Campaign is ${campaign.status}, not taking changes`);
    const [{ now }] = await run(TRANSACTION_NOW, [], tx);
    const { count } = await tx.rating.deleteMany({
      where: {
        id: ratingId,
        annotatorId,
        createdAt: { gt: new Date(now.getTime() - (UNDO_SECONDS + UNDO_GRACE_SECONDS) * 1000) },
      },
    });
    if (count === 0) throw new AppError("CONFLICT", `A rating can be undone only within ${UNDO_SECONDS} seconds`);
    await tx.ratingAssignment.update({
      where: { id: rating.assignmentId },
      data: {
        status: "leased",
        completedAt: null,
        leaseExpiresAt: new Date(now.getTime() + campaign.leaseSeconds * 1000),
        createdAt: new Date(0),
      },
    });
    return { assignmentId: rating.assignmentId };
  }, VOTING_TX);
}
