import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { VOTING_TX } from "../assignment/transaction-options";
import { UNDO_SECONDS } from "../judgments/undo-judgment";
import { reopened, undoWindowStart } from "../rating/undo-window";

/**
 * Takes back an annotator's own ranking within UNDO_SECONDS (the pairwise window): the row is
 * deleted and its assignment leased again at the front of their open leases (same slot order), so
 * the next view shows that set to order anew. Undoing what is already gone is a 404.
 */
export async function undoRanking(annotatorId: string, rankingId: string): Promise<{ assignmentId: string }> {
  return db.$transaction(async (tx) => {
    const ranking = await tx.ranking.findFirst({
      where: { id: rankingId, annotatorId },
      select: { assignmentId: true, item: { select: { campaign: { select: { status: true, leaseSeconds: true } } } } },
    });
    if (!ranking) throw new AppError("NOT_FOUND", "Ranking not found");
    const campaign = ranking.item.campaign;
    if (campaign.status !== "annotating")
      throw new AppError("CONFLICT", `Campaign is ${campaign.status}, not taking changes`);
    const { now, since } = await undoWindowStart(tx);
    const { count } = await tx.ranking.deleteMany({ where: { id: rankingId, annotatorId, createdAt: { gt: since } } });
    if (count === 0) throw new AppError("CONFLICT", `A ranking can be undone only within ${UNDO_SECONDS} seconds`);
    await tx.rankingAssignment.update({
      where: { id: ranking.assignmentId },
      data: reopened(now, campaign.leaseSeconds),
    });
    return { assignmentId: ranking.assignmentId };
  }, VOTING_TX);
}
