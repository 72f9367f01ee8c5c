import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as pause } from "node:timers/promises";
import type pg from "pg";
import { run, transaction } from "../db/prepared";
import { newId } from "../db/new-id";
import { toLeasedAssignment } from "./leased-assignment";
import { WRITE_LEASE, type LeaseRow } from "./statements";
import { candidatesInFillOrder } from "./fill-policy";
import type { FillPolicy } from "../campaigns/campaign-spec";
import type { LeasedAssignment } from "./lease-assignments";

// How many candidates (in fill-policy order) to try to lock per round, and rounds before giving up.
const CANDIDATES = 16;
const ROUNDS = 6;
// Pauses (a few milliseconds each, growing) when every pair left was locked by other annotators'
// lease transactions: under depth-first every annotator wants the same few pairs at once.
const BUSY_WAITS = 10;

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
  const full = new Set<string>(holding);
  const busy = new Set<string>();
  let waits = 0;
  for (let round = 0; round < ROUNDS;) {
    const outcome = await transaction(async (tx) => {
      const skip = [...full, ...busy];
      const candidates = await run(candidatesStatement, [campaignId, annotatorId, maxTarget, skip, CANDIDATES], tx);
      if (candidates.length === 0) return "none" as const;
      const locked = candidates.filter((c) => c.locked).map((c) => c.id);
      const written: LeaseRow | undefined =
        locked.length > 0 ? (await writeLease(tx, locked, criteria, annotatorId, leaseSeconds))[0] : undefined;
      // Full for this annotator, or held by another annotator's transaction right now: try the next candidates.
      if (!written) for (const c of candidates) (c.locked ? full : busy).add(c.id);
      return written ?? ("retry" as const);
    });
    if (outcome === "none") {
      if (busy.size === 0 || waits >= BUSY_WAITS) return null;
      busy.clear();
      await pause(randomInt(1, 4 + 4 * ++waits));
      continue;
    }
    if (outcome !== "retry") return toLeasedAssignment(outcome);
    round++;
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
