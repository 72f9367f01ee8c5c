import "server-only";
import { undoAnswer } from "../judgments/undo-answer";
import { RATING_UNDO } from "./statements";

/**
 * Takes back an annotator's own rating within UNDO_SECONDS (the pairwise window, undo-answer.ts):
 * its assignment is leased again first, so the next view shows that image to answer anew.
 */
export async function undoRating(annotatorId: string, ratingId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("rating", RATING_UNDO, annotatorId, ratingId);
}
