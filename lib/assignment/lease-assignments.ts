import "server-only";
import { randomInt } from "node:crypto";
import { run } from "../db/prepared";
import { newId } from "../db/new-id";
import { AppError } from "../errors";
import { loadAnnotatorContext, type AnnotatorContext } from "./annotator-context";
import { toLeasedAssignment } from "./leased-assignment";
import { leaseRegularPair } from "./lease-regular";
import { topUpLeases, type StopReason } from "./lease-loop";
import { refreshStoppingRuleSoon } from "../campaigns/stopping-rule";
import { PICK_GOLD_PAIR, WRITE_GOLD_LEASE } from "./statements";

export interface LeasedAssignment {
  assignmentId: string;
  pairId: string;
  leftImageId: string;
  rightImageId: string;
  /** The criteria this annotator answers on this pair (in campaign order). */
  criterionIds: string[];
  leaseExpiresAt: Date;
  /** The pair's prompt text and the criteria already answered on this assignment (for the view). */
  prompt: string;
  answered: string[];
}

export interface LeaseResult {
  /** Open leases, oldest first: [0] is shown now, the rest are prefetched. */
  leases: LeasedAssignment[];
  /** Set when no new pair can be leased (open leases may still be listed). */
  stop: StopReason | null;
  /** Completed assignments of this annotator in this campaign. */
  done: number;
}

/**
 * Makes sure this annotator holds up to `want` live leases in this campaign (the pair shown now
 * plus prefetched ones) and returns them oldest first.
 *
 * Rules: never a pair they judged or hold; never beyond a criterion's target (see slotsTaken);
 * least-occupied first so the campaign fills evenly, or under the depth-first fill policy the
 * most-occupied pair still short first so pairs complete one after another (fill-policy.ts); gold
 * pairs mixed in at the campaign's rate; left/right balanced per pair and per model pair across the campaign (the side shown left less
 * often so far on the pair, then for its two models, then at random; WRITE_LEASE);
 * flagged annotators and those at the per-annotator cap get nothing new. A campaign that stops when
 * decided, or adaptive, serves prompts in a random order and leaves out decided comparisons
 * (lease-regular.ts, LOCK_CANDIDATES_SEQUENTIAL). Candidate pair rows are
 * locked (FOR UPDATE SKIP LOCKED) while slots are recounted and the lease is written, so
 * concurrent annotators never overfill a pair. A reload resumes the open leases.
 *
 * `context` lets a caller that already read the annotator's context (the next-pair view) pass it
 * in instead of reading it twice.
 */
export async function leaseAssignments(
  campaignId: string,
  annotatorId: string,
  want = 1,
  context?: AnnotatorContext,
): Promise<LeaseResult> {
  const ctx = context ?? (await loadAnnotatorContext(campaignId, annotatorId));
  if (!ctx) throw new AppError("NOT_FOUND", "Campaign not found");
  return topUpLeases(
    ctx,
    ctx.open.map((a) => toLeasedAssignment(a, a.answered)),
    want,
    async (held) => {
      const exclude = held.map((l) => l.pairId);
      return (
        (await maybeLeaseGold(ctx, campaignId, annotatorId, exclude)) ??
        (await leaseRegularPair(
          ctx.criteria,
          ctx.leaseSeconds,
          campaignId,
          annotatorId,
          exclude,
          ctx.fillPolicy,
          ctx.sequentialServing,
        ))
      );
    },
    // The stopping rule and the adaptive priorities follow the judgments: looked at again in the background.
    () => {
      if (ctx.sequentialServing) void refreshStoppingRuleSoon(campaignId);
    },
  );
}

/** At the campaign's rate, a gold pair this annotator has not seen; all criteria are asked, as on any fresh pair. */
async function maybeLeaseGold(
  ctx: AnnotatorContext,
  campaignId: string,
  annotatorId: string,
  holding: string[],
): Promise<LeasedAssignment | null> {
  if (ctx.goldRate <= 0 || Math.random() >= ctx.goldRate) return null;
  const [gold] = await run(PICK_GOLD_PAIR, [campaignId, annotatorId, holding]);
  if (!gold) return null;
  const leftImageId = randomInt(2) === 0 ? gold.imageAId : gold.imageBId;
  const criterionIds = ctx.criteria.map((c) => c.id);
  const [assignment] = await run(WRITE_GOLD_LEASE, [
    newId(),
    gold.id,
    annotatorId,
    leftImageId,
    criterionIds,
    ctx.leaseSeconds,
  ]);
  return {
    assignmentId: assignment.id,
    pairId: gold.id,
    leftImageId: assignment.leftImageId,
    rightImageId: assignment.leftImageId === gold.imageAId ? gold.imageBId : gold.imageAId,
    criterionIds,
    leaseExpiresAt: assignment.leaseExpiresAt,
    prompt: gold.prompt,
    answered: [],
  };
}
