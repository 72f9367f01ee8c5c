import "server-only";
import { run } from "../db/prepared";
import { undoAnswer } from "../judgments/undo-answer";
import { decideImage } from "../stats/curation";
import { readStoredCuration, stageRules } from "./curation-spec";
import { CURATION_ASSIGNMENT_ITEM, CURATION_TALLY, CURATION_UNDO, CURATION_WITHDRAW_UNSERVED } from "./statements";

/**
 * Takes back an annotator's own curation vote within UNDO_SECONDS (the one undo, undo-answer.ts:
 * the vote is deleted, its assignment leased again first among their open leases). When the image's
 * stage no longer accepts it without that vote, its next-stage item is withdrawn too — unless someone
 * has already been served it (then the results count those votes outside the stage, as
 * lib/stats/curation does for any vote on a non-candidate).
 */
export async function undoCurationVote(annotatorId: string, voteId: string): Promise<{ assignmentId: string }> {
  return undoAnswer("vote", CURATION_UNDO, annotatorId, voteId, async (tx, assignmentId) => {
    const [item] = await run(CURATION_ASSIGNMENT_ITEM, [assignmentId], tx);
    if (!item) return;
    const rule = stageRules(readStoredCuration(item.curation).stages)[item.stage - 1];
    const [{ accepts, rejects }] = await run(CURATION_TALLY, [item.itemId], tx);
    if (rule && decideImage(accepts, rejects, rule) !== "accepted")
      await run(CURATION_WITHDRAW_UNSERVED, [item.imageId, item.stage + 1], tx);
  });
}
