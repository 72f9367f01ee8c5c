import "server-only";
import { run } from "../db/prepared";
import { CANDIDATES, leaseFromCandidates, topUpLeases, type StopReason } from "../assignment/lease-loop";
import { newId } from "../db/new-id";
import { type ItemAspectRow, type ItemContextRow, type ItemLeaseRow, type itemLeaseStatements } from "./statements";

/** One task type's item lease engine (lib/rating/statements.ts: RATING_ITEMS, RANKING_ITEMS). */
export type ItemEngine = ReturnType<typeof itemLeaseStatements>;

export interface ItemLease {
  assignmentId: string;
  itemId: string;
  prompt: string;
  leaseExpiresAt: Date;
  /** Criteria already answered on this lease. */
  answered: string[];
}

export type ItemContext = Omit<ItemContextRow, "open"> & { open: ItemLease[] };

export interface ItemLeaseResult {
  /** Open leases, oldest first: [0] is shown now, the rest are prefetched. */
  leases: ItemLease[];
  stop: StopReason | null;
  done: number;
}

/** The annotator's context in a campaign of this engine's task type (one statement); null when the campaign does not exist. */
export async function loadItemContext(
  engine: ItemEngine,
  campaignId: string,
  annotatorId: string,
): Promise<ItemContext | null> {
  const [row] = await run(engine.CONTEXT, [annotatorId, campaignId]);
  if (!row) return null;
  return {
    ...row,
    open: row.open.map((a) => ({
      assignmentId: a.id,
      itemId: a.itemId,
      prompt: a.prompt,
      leaseExpiresAt: new Date(a.leaseExpiresAt),
      answered: a.answered,
    })),
  };
}

/** Annotators per item: every criterion of such a campaign is asked together, so the largest criterion target. */
export const itemTarget = (aspects: ItemAspectRow[]) => Math.max(0, ...aspects.map((a) => a.judgmentsPerPair));

/**
 * Makes sure this annotator holds up to `want` live leases in this campaign (the item shown now
 * plus prefetched ones), oldest first — the pairwise engine's rules (lib/assignment/
 * lease-assignments.ts) for items answered as a whole (a rating's image, a ranking's K images):
 * never an item they answered or hold; never beyond the target (the one slot rule, WRITE_LEASE);
 * least-answered first; flagged annotators and those at the per-annotator cap get nothing new;
 * candidate rows locked SKIP LOCKED while slots are recounted, so concurrent annotators never
 * overfill an item; a reload resumes the open leases. No gold items: neither a single image nor a
 * set of images has a known answer to check.
 */
export async function leaseItems(
  engine: ItemEngine,
  ctx: ItemContext,
  campaignId: string,
  annotatorId: string,
  want = 1,
): Promise<ItemLeaseResult> {
  const target = itemTarget(ctx.aspects);
  return topUpLeases(ctx, [...ctx.open], want, (held) =>
    leaseOneItem(
      engine,
      campaignId,
      annotatorId,
      target,
      ctx.leaseSeconds,
      held.map((l) => l.itemId),
    ),
  );
}

/**
 * One transaction of two statements, as leaseRegularPair: lock candidates (SKIP LOCKED) in fill
 * order, then recount their slots and write the lease. A candidate locked but full is not tried
 * again; one locked by another transaction is retried after a short pause when nothing else is left.
 */
async function leaseOneItem(
  engine: ItemEngine,
  campaignId: string,
  annotatorId: string,
  target: number,
  leaseSeconds: number,
  holding: string[],
): Promise<ItemLease | null> {
  const lease = await leaseFromCandidates(
    holding,
    (tx, skip) => run(engine.LOCK_CANDIDATES, [campaignId, annotatorId, target, skip, CANDIDATES], tx),
    async (tx, locked): Promise<ItemLeaseRow | undefined> =>
      (await run(engine.WRITE_LEASE, [locked, annotatorId, target, newId(), leaseSeconds], tx))[0],
  );
  return (
    lease && {
      assignmentId: lease.id,
      itemId: lease.itemId,
      prompt: lease.prompt,
      leaseExpiresAt: lease.leaseExpiresAt,
      answered: [],
    }
  );
}
