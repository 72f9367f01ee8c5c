import "server-only";
import { undoAnswer } from "../judgments/undo-answer";

/**
 * Takes back an annotator's own ranking within UNDO_SECONDS (the pairwise window, undo-answer.ts):
 * its assignment is leased again first (same slot order), so the next view shows that set to order
 * anew.
 */
export async function undoRanking(annotatorId: string, rankingId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("ranking", {
    find: async (tx) => {
      const ranking = await tx.ranking.findFirst({
        where: { id: rankingId, annotatorId },
        select: {
          assignmentId: true,
          item: { select: { campaign: { select: { status: true, leaseSeconds: true } } } },
        },
      });
      return ranking && { assignmentId: ranking.assignmentId, campaign: ranking.item.campaign };
    },
    remove: (tx, since) => tx.ranking.deleteMany({ where: { id: rankingId, annotatorId, createdAt: { gt: since } } }),
    reopen: (tx, id, data) => tx.rankingAssignment.update({ where: { id }, data }),
  });
}
