import "server-only";
import { undoAnswer } from "./undo-answer";

/** Takes back an annotator's own judgment within UNDO_SECONDS (undo-answer.ts): the next call shows that pair anew. */
export async function undoJudgment(annotatorId: string, judgmentId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("judgment", {
    find: async (tx) => {
      const judgment = await tx.judgment.findFirst({
        where: { id: judgmentId, annotatorId },
        select: {
          assignmentId: true,
          pair: { select: { campaign: { select: { status: true, leaseSeconds: true } } } },
        },
      });
      return judgment && { assignmentId: judgment.assignmentId, campaign: judgment.pair.campaign };
    },
    remove: (tx, since) => tx.judgment.deleteMany({ where: { id: judgmentId, annotatorId, createdAt: { gt: since } } }),
    reopen: (tx, id, data) => tx.assignment.update({ where: { id }, data }),
  });
}
