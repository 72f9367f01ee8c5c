import "server-only";
import { db } from "../db";
import { reopened, undoWindowStart } from "./undo-window";
import { AppError } from "../errors";
import { VOTING_TX } from "../assignment/transaction-options";
import { UNDO_SECONDS } from "../judgments/undo-judgment";

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
    const { now, since } = await undoWindowStart(tx);
    const { count } = await tx.rating.deleteMany({ where: { id: ratingId, annotatorId, createdAt: { gt: since } } });
    if (count === 0) throw new AppError("CONFLICT", `A rating can be undone only within ${UNDO_SECONDS} seconds`);
    await tx.ratingAssignment.update({
      where: { id: rating.assignmentId },
      data: reopened(now, campaign.leaseSeconds),
    });
    return { assignmentId: rating.assignmentId };
  }, VOTING_TX);
}
