import "server-only";
import type { FillPolicy } from "../campaigns/campaign-spec";
import { LOCK_CANDIDATES, LOCK_CANDIDATES_DEPTH_FIRST, LOCK_CANDIDATES_SEQUENTIAL } from "./statements";

/**
 * The candidate statement of a campaign's fill policy (lib/campaigns/campaign-spec.ts):
 * - `breadth_first`: least-filled pairs first — every pair gets a judgment before any gets a
 *   second, so coverage of prompts grows fastest, but agreement needs the whole budget spent;
 * - `depth_first`: the most-filled pair still short of its target first — each pair is filled to
 *   N judgments per criterion before a new one is opened, so per-pair majorities and agreement
 *   exist from the first few pairs on and a budget cut short leaves complete pairs.
 * Both keep every other rule of the lease engine (one slot rule, distinct annotators, side
 * balance, SKIP LOCKED under concurrency); only the order of the candidates differs.
 * A `sequential` campaign (stops when decided, or adaptive) takes its own order whatever the
 * policy: prompts one after another in a random order, which its confidence sequences assume
 * (LOCK_CANDIDATES_SEQUENTIAL) — a prompt's pairs are filled before the next prompt is opened.
 */
export function candidatesInFillOrder(policy: FillPolicy, sequential = false) {
  if (sequential) return LOCK_CANDIDATES_SEQUENTIAL;
  return policy === "depth_first" ? LOCK_CANDIDATES_DEPTH_FIRST : LOCK_CANDIDATES;
}
