import "server-only";
import { run, type Connection } from "../db/prepared";
import { SLOTS_TAKEN } from "./statements";

/**
 * How many of a pair's slots per criterion are taken by annotators other than `annotatorId`
 * (the rule is SLOTS_TAKEN's, the one the lease engine counts by). Call with the pair row locked,
 * on the connection that holds the lock.
 */
export async function slotsTaken(on: Connection, pairId: string, annotatorId: string): Promise<Map<string, number>> {
  const rows = await run(SLOTS_TAKEN, [[pairId], annotatorId], on);
  return new Map(rows.map((r) => [r.criterionId, r.n]));
}
