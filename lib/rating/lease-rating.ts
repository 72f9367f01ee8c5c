import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as pause } from "node:timers/promises";
import { run, transaction } from "../db/prepared";
import { newId } from "../db/new-id";
import type { StopReason } from "../assignment/lease-assignments";
import {
  RATING_CONTEXT,
  RATING_LOCK_CANDIDATES,
  RATING_WRITE_LEASE,
  type RatingAspectRow,
  type RatingContextRow,
  type RatingLeaseRow,
} from "./statements";

export interface RatingLease {
  assignmentId: string;
  imageId: string;
  prompt: string;
  leaseExpiresAt: Date;
  /** Aspects already answered on this lease. */
  answered: string[];
}

export type RatingContext = Omit<RatingContextRow, "open"> & { open: RatingLease[] };

export interface RatingLeaseResult {
  /** Open leases, oldest first: [0] is shown now, the rest are prefetched. */
  leases: RatingLease[];
  stop: StopReason | null;
  done: number;
}

/** The annotator's context in a rating campaign (one statement, RATING_CONTEXT); null when the campaign does not exist. */
export async function loadRatingContext(campaignId: string, annotatorId: string): Promise<RatingContext | null> {
  const [row] = await run(RATING_CONTEXT, [annotatorId, campaignId]);
  if (!row) return null;
  return {
    ...row,
    open: row.open.map((a) => ({
      assignmentId: a.id,
      imageId: a.imageId,
      prompt: a.prompt,
      leaseExpiresAt: new Date(a.leaseExpiresAt),
      answered: a.answered,
    })),
  };
}

/** Ratings per image: every aspect of a campaign is asked together, so the largest aspect target. */
export const ratingTarget = (aspects: RatingAspectRow[]) => Math.max(0, ...aspects.map((a) => a.judgmentsPerPair));

const CANDIDATES = 16;
const ROUNDS = 6;
const BUSY_WAITS = 10;

/**
 * Makes sure this annotator holds up to `want` live rating leases in this campaign (the image shown
 * now plus prefetched ones), oldest first — the pairwise engine's rules (lib/assignment/
 * lease-assignments.ts) for items of one image: never an image they rated or hold; never beyond
 * the campaign's ratings per image (the one slot rule, RATING_WRITE_LEASE); least-rated first;
 * flagged annotators and those at the per-annotator cap get nothing new; candidate rows locked
 * SKIP LOCKED while slots are recounted, so concurrent annotators never overfill an image; a
 * reload resumes the open leases. No gold items: a single image has no known answer to check.
 */
export async function leaseRatingItems(ctx: RatingContext, campaignId: string, annotatorId: string, want = 1) {
  const { done } = ctx;
  const leases = [...ctx.open];
  const result = (stop: StopReason | null): RatingLeaseResult => ({ leases, stop, done });
  if (ctx.status !== "annotating") return result("closed");
  if (ctx.flaggedAt) return { leases: [], stop: "flagged", done } satisfies RatingLeaseResult;
  const target = ratingTarget(ctx.aspects);
  while (leases.length < want) {
    if (ctx.perAnnotatorCap !== null && done + leases.length >= ctx.perAnnotatorCap) return result("cap");
    const next = await leaseOneImage(
      campaignId,
      annotatorId,
      target,
      ctx.leaseSeconds,
      leases.map((l) => l.imageId),
    );
    if (!next) return result("exhausted");
    leases.push(next);
  }
  return result(null);
}

/**
 * One transaction of two statements, as leaseRegularPair: lock candidates (SKIP LOCKED) in fill
 * order, then recount their slots and write the lease. A candidate locked but full is not tried
 * again; one locked by another transaction is retried after a short pause when nothing else is left.
 */
async function leaseOneImage(
  campaignId: string,
  annotatorId: string,
  target: number,
  leaseSeconds: number,
  holding: string[],
): Promise<RatingLease | null> {
  const full = new Set<string>(holding);
  const busy = new Set<string>();
  let waits = 0;
  for (let round = 0; round < ROUNDS;) {
    const outcome = await transaction(async (tx) => {
      const candidates = await run(
        RATING_LOCK_CANDIDATES,
        [campaignId, annotatorId, target, [...full, ...busy], CANDIDATES],
        tx,
      );
      if (candidates.length === 0) return "none" as const;
      const locked = candidates.filter((c) => c.locked).map((c) => c.id);
      const written: RatingLeaseRow | undefined =
        locked.length > 0
          ? (await run(RATING_WRITE_LEASE, [locked, annotatorId, target, newId(), leaseSeconds], tx))[0]
          : undefined;
      if (!written) for (const c of candidates) (c.locked ? full : busy).add(c.id);
      return written ?? ("retry" as const);
    });
    if (outcome === "none") {
      if (busy.size === 0 || waits >= BUSY_WAITS) return null;
      busy.clear();
      await pause(randomInt(1, 4 + 4 * ++waits));
      continue;
    }
    if (outcome !== "retry")
      return {
        assignmentId: outcome.id,
        imageId: outcome.imageId,
        prompt: outcome.prompt,
        leaseExpiresAt: outcome.leaseExpiresAt,
        answered: [],
      };
    round++;
  }
  return null;
}
