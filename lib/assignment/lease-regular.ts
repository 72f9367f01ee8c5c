import "server-only";
import { randomInt } from "node:crypto";
import type pg from "pg";
import { run } from "../db/prepared";
import { CANDIDATES, leaseFromCandidates } from "./lease-loop";
import { newId } from "../db/new-id";
import { toLeasedAssignment } from "./leased-assignment";
import { WRITE_LEASE, type LeaseRow } from "./statements";
import { candidatesInFillOrder } from "./fill-policy";
import type { FillPolicy } from "../campaigns/campaign-spec";
import type { LeasedAssignment } from "./lease-assignments";

/**
 * Leases the next regular pair this annotator may still judge — the least-occupied one, or under
 * the depth-first fill policy the most-occupied one still short (lib/assignment/fill-policy.ts) —
 * in one transaction of two statements:
 * 1. pick candidates (a cheap pre-filter on completed assignments + live leases) and lock them,
 *    FOR UPDATE SKIP LOCKED, in fill-policy order;
 * 2. with those rows locked, recount every locked pair's slots (the one slot rule of
 *    statements.ts: others' live leases and judgments per criterion), take the first pair with a criterion
 *    short of its target that this annotator has not answered, choose the side shown left less
 *    often there, balanced per model pair across the campaign too (WRITE_LEASE; a coin flip on a
 *    tie), and write the lease (renewing their own lapsed lease on that pair, which keeps its sides).
 * The recount must be a second statement: a statement's snapshot is taken when it starts, so
 * counting in the statement that takes the locks could miss a lease another annotator committed
 * just before the lock was ours.
 * `sequential` (a campaign that stops when decided, or adaptive): candidates in the random prompt
 * order, decided model pairs left out, adaptive priority first (LOCK_CANDIDATES_SEQUENTIAL).
 * A candidate this transaction locked but could not lease is full for this annotator and is not
 * tried again; one locked by another transaction is only busy: skipped for the next round, and
 * when nothing else is left, tried again after a short pause (an annotator is never told the
 * campaign is exhausted because others were leasing at the same moment).
 */
export async function leaseRegularPair(
  criteria: { id: string; judgmentsPerPair: number }[],
  leaseSeconds: number,
  campaignId: string,
  annotatorId: string,
  holding: string[],
  fillPolicy: FillPolicy,
  sequential = false,
): Promise<LeasedAssignment | null> {
  const candidatesStatement = candidatesInFillOrder(fillPolicy, sequential);
  const maxTarget = Math.max(0, ...criteria.map((c) => c.judgmentsPerPair));
  const lease = await leaseFromCandidates(
    holding,
    (tx, skip) => run(candidatesStatement, [campaignId, annotatorId, maxTarget, skip, CANDIDATES], tx),
    async (tx, locked): Promise<LeaseRow | undefined> =>
      (await writeLease(tx, locked, criteria, annotatorId, leaseSeconds))[0],
  );
  return lease && toLeasedAssignment(lease);
}

function writeLease(
  tx: pg.PoolClient,
  pairIds: string[],
  criteria: { id: string; judgmentsPerPair: number }[],
  annotatorId: string,
  leaseSeconds: number,
) {
  const coinA = randomInt(2) === 0;
  return run(
    WRITE_LEASE,
    [
      pairIds,
      criteria.map((c) => c.id),
      criteria.map((c) => c.judgmentsPerPair),
      annotatorId,
      newId(),
      coinA,
      leaseSeconds,
    ],
    tx,
  );
}
