import "server-only";
import { JUDGMENT_UNDO } from "./statements";
import { undoAnswer } from "./undo-answer";

/** Takes back an annotator's own judgment within UNDO_SECONDS (undo-answer.ts): the next call shows that pair anew. */
export async function undoJudgment(annotatorId: string, judgmentId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("judgment", JUDGMENT_UNDO, annotatorId, judgmentId);
}
