import "server-only";
import { randomInt } from "node:crypto";
import { setTimeout as pause } from "node:timers/promises";
import type pg from "pg";
import { transaction } from "../db/prepared";

// How many candidates (in fill-policy order) to try to lock per round, and rounds before giving up.
export const CANDIDATES = 16;
const ROUNDS = 6;
// Pauses (a few milliseconds each, growing) when every candidate left was locked by other annotators'
// lease transactions: under depth-first every annotator wants the same few at once.
const BUSY_WAITS = 10;

/**
 * The lease loop shared by the pairwise and item engines (leaseRegularPair, leaseOneItem): each round
 * one transaction locks up to CANDIDATES candidates not in `skip` (`lockCandidates`) and `write`s the
 * lease on those it locked (null when none is left for this annotator). A candidate this
 * transaction locked but could not lease is full and not tried again (nor are those in `holding`);
 * one locked by another transaction is only busy: skipped for the next round, and when nothing else
 * is left, tried again after a short pause. Null after ROUNDS rounds or when nothing is left.
 */
export async function leaseFromCandidates<Lease>(
  holding: string[],
  lockCandidates: (tx: pg.PoolClient, skip: string[]) => Promise<{ id: string; locked: boolean }[]>,
  write: (tx: pg.PoolClient, locked: string[]) => Promise<Lease | undefined>,
): Promise<Lease | null> {
  const full = new Set<string>(holding);
  const busy = new Set<string>();
  let waits = 0;
  for (let round = 0; round < ROUNDS;) {
    const outcome = await transaction(async (tx) => {
      const candidates = await lockCandidates(tx, [...full, ...busy]);
      if (candidates.length === 0) return { kind: "none" as const };
      const locked = candidates.filter((c) => c.locked).map((c) => c.id);
      const written = locked.length > 0 ? await write(tx, locked) : undefined;
      if (written !== undefined) return { kind: "leased" as const, lease: written };
      // Full for this annotator, or held by another annotator's transaction right now: try the next candidates.
      for (const c of candidates) (c.locked ? full : busy).add(c.id);
      return { kind: "retry" as const };
    });
    if (outcome.kind === "leased") return outcome.lease;
    if (outcome.kind === "none") {
      if (busy.size === 0 || waits >= BUSY_WAITS) return null;
      busy.clear();
      await pause(randomInt(1, 4 + 4 * ++waits));
      continue;
    }
    round++;
  }
  return null;
}

/** Why an annotator gets no (further) lease. */
export type StopReason = "closed" | "flagged" | "cap" | "exhausted";

/** What the rules of a lease request read of the annotator's context (AnnotatorContext, ItemContext). */
export interface LeaseLimits {
  status: string;
  flaggedAt: Date | null;
  perAnnotatorCap: number | null;
  /** Completed assignments of this annotator in this campaign. */
  done: number;
}

/**
 * The rules of a lease request shared by the pairwise and item engines (leaseAssignments,
 * leaseItems): tops `leases` (the open ones, oldest first) up to `want` with `leaseNext` (given the
 * leases held so far; null when nothing is left). A campaign not annotating leases nothing new
 * ("closed"), a flagged annotator gets nothing at all, none beyond the per-annotator cap ("cap"),
 * "exhausted" when `leaseNext` finds none. `serving` runs once a request passed the first two rules.
 */
export async function topUpLeases<Lease>(
  ctx: LeaseLimits,
  leases: Lease[],
  want: number,
  leaseNext: (held: Lease[]) => Promise<Lease | null>,
  serving?: () => void,
): Promise<{ leases: Lease[]; stop: StopReason | null; done: number }> {
  const { done } = ctx;
  const result = (stop: StopReason | null) => ({ leases, stop, done });
  if (ctx.status !== "annotating") return result("closed");
  if (ctx.flaggedAt) return { leases: [], stop: "flagged", done };
  serving?.();
  while (leases.length < want) {
    if (ctx.perAnnotatorCap !== null && done + leases.length >= ctx.perAnnotatorCap) return result("cap");
    const next = await leaseNext(leases);
    if (!next) return result("exhausted");
    leases.push(next);
  }
  return result(null);
}
