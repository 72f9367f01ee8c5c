import "server-only";
import { randomInt } from "node:crypto";
import type pg from "pg";
import { run, statement, transaction } from "../db/prepared";
import { newId } from "../db/new-id";
import { toLeasedAssignment, type LeaseRow } from "./leased-assignment";
import type { LeasedAssignment } from "./lease-assignments";

// How many least-filled candidates to try to lock per round, and rounds before giving up.
const CANDIDATES = 16;
const ROUNDS = 6;

/**
 * Leases the least-occupied regular pair this annotator may still judge, in one transaction of
 * two statements:
 * 1. pick candidates (a cheap pre-filter on completed assignments + live leases) and lock them,
 *    FOR UPDATE SKIP LOCKED, least-filled first;
 * 2. with those rows locked, recount every locked pair's slots (as slotsTaken counts them:
 *    others' live leases and judgments per criterion), take the first pair with a criterion
 *    short of its target that this annotator has not answered, choose the side shown left less
 *    often there (a coin flip on a tie), and write the lease (renewing their own lapsed lease on
 *    that pair, which keeps its sides).
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
      const candidates = await run<{ id: string; locked: boolean }>(
        LOCK_CANDIDATES,
        [campaignId, annotatorId, maxTarget, [...full], CANDIDATES],
        tx,
      );
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

/**
 * The candidates, least-filled first, each with whether this transaction now holds its row lock.
 * Fill = completed assignments (Pair."completedAssignments", kept by a trigger) + live leases.
 * Live leases are few (about two per active annotator) and come from the (status,
 * leaseExpiresAt) index, as do this annotator's own assignments from theirs, so the cost is one
 * pass over the campaign's pair rows, not a probe of every pair's assignments. A hash of pair and
 * annotator breaks ties, so concurrent annotators spread over equally filled pairs.
 */
const LOCK_CANDIDATES = statement(
  "lease_lock_candidates",
  `WITH live AS MATERIALIZED (
      SELECT a."pairId", count(*)::int AS n FROM "Assignment" a
      WHERE a.status = 'leased' AND a."leaseExpiresAt" > now()
      GROUP BY 1),
    mine AS MATERIALIZED (
      SELECT m."pairId" FROM "Assignment" m
      WHERE m."annotatorId" = $2 AND (m.status = 'completed' OR m."leaseExpiresAt" > now())),
    candidate AS (
      SELECT p.id, row_number() OVER (ORDER BY p."completedAssignments" + coalesce(live.n, 0), md5(p.id || $2)) AS ord
      FROM "Pair" p LEFT JOIN live ON live."pairId" = p.id
      WHERE p."campaignId" = $1 AND NOT p."isGold" AND p.id <> ALL($4::text[])
        AND p."completedAssignments" + coalesce(live.n, 0) < $3
        AND NOT EXISTS (SELECT 1 FROM mine WHERE mine."pairId" = p.id)
      ORDER BY p."completedAssignments" + coalesce(live.n, 0), md5(p.id || $2)
      LIMIT $5)
    SELECT candidate.id, l.id IS NOT NULL AS locked
    FROM candidate LEFT JOIN LATERAL (SELECT p.id FROM "Pair" p WHERE p.id = candidate.id FOR UPDATE SKIP LOCKED) l ON true
    ORDER BY candidate.ord`,
);

const WRITE_LEASE = statement(
  "lease_write",
  `WITH locked AS (SELECT id, ord FROM unnest($1::text[]) WITH ORDINALITY AS l(id, ord)),
    target AS (SELECT cid, n, pos FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS t(cid, n, pos)),
    taken AS (
      SELECT "pairId", "criterionId", count(*) AS n FROM (
        SELECT a."pairId", a."annotatorId", c AS "criterionId"
        FROM "Assignment" a, unnest(a."criterionIds") AS c
        WHERE a."pairId" = ANY($1::text[]) AND a."annotatorId" <> $4
          AND a.status = 'leased' AND a."leaseExpiresAt" > now()
        UNION
        SELECT j."pairId", j."annotatorId", j."criterionId" FROM "Judgment" j
        WHERE j."pairId" = ANY($1::text[]) AND j."annotatorId" <> $4
      ) s GROUP BY 1, 2),
    pick AS (
      SELECT l.id, array_agg(t.cid ORDER BY t.pos) AS cids
      FROM locked l CROSS JOIN target t
      WHERE coalesce((SELECT k.n FROM taken k WHERE k."pairId" = l.id AND k."criterionId" = t.cid), 0) < t.n
        AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."pairId" = l.id AND j."annotatorId" = $4 AND j."criterionId" = t.cid)
      GROUP BY l.id, l.ord ORDER BY l.ord LIMIT 1),
    side AS (
      SELECT pick.id, pick.cids, p."imageAId", p."imageBId", p."promptId",
        (SELECT count(*) FILTER (WHERE x."leftImageId" = p."imageAId") - count(*) FILTER (WHERE x."leftImageId" <> p."imageAId")
           FROM "Assignment" x WHERE x."pairId" = pick.id AND x.status <> 'released') AS skew
      FROM pick JOIN "Pair" p ON p.id = pick.id),
    lease AS (
      INSERT INTO "Assignment" (id, "pairId", "annotatorId", "leftImageId", "criterionIds", status, "leaseExpiresAt", "createdAt")
      SELECT $5, side.id, $4,
        CASE WHEN side.skew < 0 THEN side."imageAId" WHEN side.skew > 0 THEN side."imageBId"
             WHEN $6::boolean THEN side."imageAId" ELSE side."imageBId" END,
        side.cids, 'leased', now() + make_interval(secs => $7), now()
      FROM side
      ON CONFLICT ("pairId", "annotatorId") DO UPDATE
        SET "criterionIds" = EXCLUDED."criterionIds", "leaseExpiresAt" = EXCLUDED."leaseExpiresAt", status = 'leased', "createdAt" = EXCLUDED."createdAt"
      RETURNING id, "pairId", "leftImageId", "criterionIds", "leaseExpiresAt")
    SELECT lease.*, side."imageAId", side."imageBId", pt.text AS prompt
    FROM lease JOIN side ON side.id = lease."pairId" JOIN "Prompt" pt ON pt.id = side."promptId"`,
);

function writeLease(
  tx: pg.PoolClient,
  pairIds: string[],
  criteria: { id: string; judgmentsPerPair: number }[],
  annotatorId: string,
  leaseSeconds: number,
) {
  const coinA = randomInt(2) === 0;
  return run<LeaseRow>(
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
