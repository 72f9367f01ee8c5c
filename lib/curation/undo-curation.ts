import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { VOTING_TX } from "../assignment/transaction-options";
import { UNDO_SECONDS } from "../judgments/undo-judgment";
import { reopened, undoWindowStart } from "../rating/undo-window";
import { decideImage } from "../stats/curation";
import { readStoredCuration, stageRules } from "./curation-spec";

/**
 * Takes back an annotator's own curation vote within UNDO_SECONDS (the rating's rule: the vote is
 * deleted, its assignment leased again first among their open leases). When the image's stage no
 * longer accepts it without that vote, its next-stage item is withdrawn too — unless someone has
 * already been served it (then the results count those votes outside the stage, as
 * lib/stats/curation does for any vote on a non-candidate).
 */
export async function undoCurationVote(annotatorId: string, voteId: string): Promise<{ assignmentId: string }> {
  return db.$transaction(async (tx) => {
    const vote = await tx.curationVote.findFirst({
      where: { id: voteId, annotatorId },
      select: {
        assignmentId: true,
        item: {
          select: {
            id: true,
            imageId: true,
            stage: true,
            campaign: { select: { status: true, leaseSeconds: true, curation: true } },
          },
        },
      },
    });
    if (!vote) throw new AppError("NOT_FOUND", "Vote not found");
    const { item } = vote;
    const campaign = item.campaign;
    if (campaign.status !== "annotating")
      throw new AppError("CONFLICT", `Campaign is ${campaign.status}, not taking changes`);
    const { now, since } = await undoWindowStart(tx);
    const { count } = await tx.curationVote.deleteMany({
      where: { id: voteId, annotatorId, createdAt: { gt: since } },
    });
    if (count === 0) throw new AppError("CONFLICT", `A vote can be undone only within ${UNDO_SECONDS} seconds`);
    await tx.curationAssignment.update({
      where: { id: vote.assignmentId },
      data: reopened(now, campaign.leaseSeconds),
    });
    const rule = stageRules(readStoredCuration(campaign.curation).stages)[item.stage - 1];
    const votes = await tx.curationVote.findMany({ where: { itemId: item.id }, select: { accept: true } });
    const accepts = votes.filter((v) => v.accept).length;
    if (rule && decideImage(accepts, votes.length - accepts, rule) !== "accepted")
      await tx.curationItem.deleteMany({
        where: { imageId: item.imageId, stage: item.stage + 1, assignments: { none: {} } },
      });
    return { assignmentId: vote.assignmentId };
  }, VOTING_TX);
}
