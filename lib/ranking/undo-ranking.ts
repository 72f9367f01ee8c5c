import "server-only";
import { undoAnswer } from "../judgments/undo-answer";
import { RANKING_UNDO } from "./statements";

/**
 * Takes back an annotator's own ranking within UNDO_SECONDS (the pairwise window, undo-answer.ts):
 * its assignment is leased again first (same slot order), so the next view shows that set to order
 * anew.
 */
export async function undoRanking(annotatorId: string, rankingId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("ranking", RANKING_UNDO, annotatorId, rankingId);
}
