import "server-only";
import { undoAnswer } from "../judgments/undo-answer";

/**
 * Takes back an annotator's own rating within UNDO_SECONDS (the pairwise window, undo-answer.ts):
 * its assignment is leased again first, so the next view shows that image to answer anew.
 */
export async function undoRating(annotatorId: string, ratingId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("rating", {
    find: async (tx) => {
      const rating = await tx.rating.findFirst({
        where: { id: ratingId, annotatorId },
        select: {
          assignmentId: true,
          image: { select: { campaign: { select: { status: true, leaseSeconds: true } } } },
        },
      });
      return rating && { assignmentId: rating.assignmentId, campaign: rating.image.campaign };
    },
    remove: (tx, since) => tx.rating.deleteMany({ where: { id: ratingId, annotatorId, createdAt: { gt: since } } }),
    reopen: (tx, id, data) => tx.ratingAssignment.update({ where: { id }, data }),
  });
}
