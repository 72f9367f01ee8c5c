import "server-only";
import { randomInt } from "node:crypto";
import type pg from "pg";
import { run, transaction } from "../db/prepared";
import { newId } from "../db/new-id";
import { toLeasedAssignment } from "./leased-assignment";
import { LOCK_CANDIDATES, WRITE_LEASE, type LeaseRow } from "./statements";
import type { LeasedAssignment } from "./lease-assignments";

// How many least-filled candidates to try to lock per round, and rounds before giving up.
const CANDIDATES = 16;
const ROUNDS = 6;

/**
 * Leases the least-occupied regular pair this annotator may still judge, in one transaction of
 * two statements:
 * 1. pick candidates (a cheap pre-filter on completed assignments + live leases) and lock them,
 *    FOR UPDATE SKIP LOCKED, least-filled first;
 * 2. with those rows locked, recount every locked pair's slots (the one slot rule of
 *    statements.ts: others' live leases and judgments per criterion), take the first pair with a criterion
 *    short of its target that this annotator has not answered, choose the side shown left less
 *    often there, balanced per model pair across the campaign too (WRITE_LEASE; a coin flip on a
 *    tie), and write the lease (renewing their own lapsed lease on that pair, which keeps its sides).
 * The recount must be a second statement: a statement's snapshot is taken when it starts, so
 * counting in the statement that takes the locks could miss a lease another annotator committed
 * just before the lock was ours.
 */
export async function leaseRegularPair(
  criteria: { id: string; judgmentsPerPair: number }[],
  leaseSeconds: number,
  campaignId: string,
  annotatorId: string,
  holding: string[],
): Promise<LeasedAssignment | null> {
  const maxTarget = Math.max(0, ...criteria.map((c) => c.judgmentsPerPair));
  const full = new Set<string>(holding);
  for (let round = 0; round < ROUNDS; round++) {
    const outcome = await transaction(async (tx) => {
      const candidates = await run(LOCK_CANDIDATES, [campaignId, annotatorId, maxTarget, [...full], CANDIDATES], tx);
      if (candidates.length === 0) return "none" as const;
      const locked = candidates.filter((c) => c.locked).map((c) => c.id);
      const written: LeaseRow | undefined =
        locked.length > 0 ? (await writeLease(tx, locked, criteria, annotatorId, leaseSeconds))[0] : undefined;
      // Full, or held by another annotator's transaction right now: try the next least-filled.
      if (!written) for (const c of candidates) full.add(c.id);
      return written ?? ("retry" as const);
    });
    if (outcome === "none") return null;
    if (outcome !== "retry") return toLeasedAssignment(outcome);
  }
  return null;
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
