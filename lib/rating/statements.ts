import "server-only";
import { statement } from "../db/prepared";
import { liveLease } from "../assignment/statements";

/**
 * The rating lease engine's SQL (issue 22; see lib/db/prepared.ts for how statements are declared
 * and run). A rating campaign's item is a generated Image; a RatingAssignment leases one to one
 * annotator, who answers every aspect of the campaign on it. The rules are the pairwise engine's
 * (lib/assignment/statements.ts), for items of one image: `liveLease` (imported, written once), and
 * one slot rule (`ratingSlotsTakenOn`) shared by the lease and the late answer.
 */

/**
 * Per image among `imageIds` (an SQL text[] expression), the slots taken by annotators other than
 * `annotatorId`: an annotator takes a slot when they hold a live lease on it, completed it, or
 * answered any aspect on it (an expired lease with a partial answer still holds its slot), so an
 * image is never rated by more annotators than its target. Read with the image rows locked, in a
 * statement after the one that locked them.
 */
const ratingSlotsTakenOn = (imageIds: string, annotatorId: string) => `
  SELECT a."imageId", count(*)::int AS n FROM "RatingAssignment" a
  WHERE a."imageId" = ANY(${imageIds}) AND a."annotatorId" <> ${annotatorId}
    AND (${liveLease("a")} OR a.status = 'completed' OR EXISTS (SELECT 1 FROM "Rating" r WHERE r."assignmentId" = a.id))
  GROUP BY 1`;

export const RATING_SLOTS_TAKEN = statement<{ imageId: string; n: number }, [imageIds: string[], annotatorId: string]>(
  "rating_slots_taken",
  ratingSlotsTakenOn("$1::text[]", "$2"),
);

export interface RatingAspectRow {
  id: string;
  key: string;
  label: string | null;
  question: string;
  showPrompt: boolean;
  scale: string;
  scaleLabels: string[];
  judgmentsPerPair: number;
}

export interface OpenRatingLeaseJson {
  id: string;
  imageId: string;
  prompt: string;
  leaseExpiresAt: number;
  answered: string[];
}

export interface RatingContextRow {
  participating: boolean;
  consentedAt: Date | null;
  flaggedAt: Date | null;
  status: string;
  taskType: string;
  completionCode: string | null;
  completionUrl: string | null;
  perAnnotatorCap: number | null;
  leaseSeconds: number;
  aspects: RatingAspectRow[];
  open: OpenRatingLeaseJson[];
  done: number;
  /** Null when the campaign has a per-annotator cap (not read then). */
  itemTotal: number | null;
}

const ASPECTS_OF = (
  campaign: string,
) => `(SELECT coalesce(json_agg(json_build_object('id', k.id, 'key', k.key, 'label', k.label,
        'question', k.question, 'showPrompt', k."showPrompt", 'scale', k.scale::text, 'scaleLabels', k."scaleLabels",
        'judgmentsPerPair', k."judgmentsPerPair") ORDER BY k.position), '[]')
     FROM "Criterion" k WHERE k."campaignId" = ${campaign})`;

/** Everything the rating path needs about one annotator in one campaign, in one statement (as ANNOTATOR_CONTEXT). No row when the campaign does not exist. */
export const RATING_CONTEXT = statement<RatingContextRow, [annotatorId: string, campaignId: string]>(
  "rating_context",
  `SELECT p.id IS NOT NULL AS participating, p."consentedAt", p."flaggedAt",
      c.status::text AS status, c."taskType"::text AS "taskType", c."completionCode", c."completionUrl",
      c."perAnnotatorCap", c."leaseSeconds",
      ${ASPECTS_OF("c.id")} AS aspects,
      (SELECT coalesce(json_agg(json_build_object('id', a.id, 'imageId', a."imageId", 'prompt', pt.text,
                 'leaseExpiresAt', extract(epoch from a."leaseExpiresAt") * 1000,
                 'answered', (SELECT coalesce(array_agg(r."criterionId"), '{}') FROM "Rating" r WHERE r."assignmentId" = a.id))
               ORDER BY a."createdAt"), '[]')
         FROM "RatingAssignment" a JOIN "Image" i ON i.id = a."imageId" JOIN "Prompt" pt ON pt.id = i."promptId"
         WHERE a."annotatorId" = $1 AND ${liveLease("a")} AND i."campaignId" = c.id) AS open,
      (SELECT count(*) FROM "RatingAssignment" a JOIN "Image" i ON i.id = a."imageId"
         WHERE a."annotatorId" = $1 AND a.status = 'completed' AND i."campaignId" = c.id)::int AS done,
      CASE WHEN c."perAnnotatorCap" IS NULL
        THEN (SELECT count(*) FROM "Image" x WHERE x."campaignId" = c.id AND x.kind = 'generated')::int END AS "itemTotal"
    FROM "Campaign" c LEFT JOIN "Participation" p ON p."campaignId" = c.id AND p."userId" = $1
    WHERE c.id = $2`,
);

/**
 * The campaign's images still short of `target` (completed or live-leased assignments, a cheap
 * pre-filter; the exact count is RATING_WRITE_LEASE's), least-filled first, ties by a hash of image
 * and annotator so concurrent annotators spread out; never one this annotator completed or holds.
 * Each with whether this transaction now holds its row lock (FOR NO KEY UPDATE SKIP LOCKED: the
 * lock excludes other leasers but not the foreign-key checks of ratings being written).
 */
export const RATING_LOCK_CANDIDATES = statement<
  { id: string; locked: boolean },
  [campaignId: string, annotatorId: string, target: number, skipImageIds: string[], limit: number]
>(
  "rating_lock_candidates",
  `WITH fill AS MATERIALIZED (
      SELECT a."imageId", count(*)::int AS n FROM "RatingAssignment" a JOIN "Image" i ON i.id = a."imageId"
      WHERE i."campaignId" = $1 AND (a.status = 'completed' OR ${liveLease("a")})
      GROUP BY 1),
    mine AS MATERIALIZED (
      SELECT m."imageId" FROM "RatingAssignment" m
      WHERE m."annotatorId" = $2 AND (m.status = 'completed' OR m."leaseExpiresAt" > now())),
    candidate AS (
      SELECT i.id, row_number() OVER (ORDER BY coalesce(fill.n, 0), md5(i.id || $2)) AS ord
      FROM "Image" i LEFT JOIN fill ON fill."imageId" = i.id
      WHERE i."campaignId" = $1 AND i.kind = 'generated' AND i.id <> ALL($4::text[])
        AND coalesce(fill.n, 0) < $3
        AND NOT EXISTS (SELECT 1 FROM mine WHERE mine."imageId" = i.id)
      ORDER BY ord
      LIMIT $5)
    SELECT candidate.id, l.id IS NOT NULL AS locked
    FROM candidate LEFT JOIN LATERAL (SELECT x.id FROM "Image" x WHERE x.id = candidate.id FOR NO KEY UPDATE SKIP LOCKED) l ON true
    ORDER BY candidate.ord`,
);

/** A rating lease with its prompt, as the lease statement returns it. */
export interface RatingLeaseRow {
  id: string;
  imageId: string;
  leaseExpiresAt: Date;
  prompt: string;
}

/**
 * With the candidates locked: the first one whose slots (ratingSlotsTakenOn) are below `target`
 * and that this annotator has not completed, leased (renewing their own lapsed lease on it, which
 * keeps its answers). No row when every candidate is full.
 */
export const RATING_WRITE_LEASE = statement<
  RatingLeaseRow,
  [lockedImageIds: string[], annotatorId: string, target: number, assignmentId: string, leaseSeconds: number]
>(
  "rating_lease_write",
  `WITH locked AS (SELECT id, ord FROM unnest($1::text[]) WITH ORDINALITY AS l(id, ord)),
    taken AS (${ratingSlotsTakenOn("$1::text[]", "$2")}),
    pick AS (
      SELECT l.id FROM locked l
      WHERE coalesce((SELECT k.n FROM taken k WHERE k."imageId" = l.id), 0) < $3
        AND NOT EXISTS (SELECT 1 FROM "RatingAssignment" m WHERE m."imageId" = l.id AND m."annotatorId" = $2 AND m.status = 'completed')
      ORDER BY l.ord LIMIT 1),
    lease AS (
      INSERT INTO "RatingAssignment" (id, "imageId", "annotatorId", status, "leaseExpiresAt", "createdAt")
      SELECT $4, pick.id, $2, 'leased', now() + make_interval(secs => $5), now() FROM pick
      ON CONFLICT ("imageId", "annotatorId") DO UPDATE
        SET "leaseExpiresAt" = EXCLUDED."leaseExpiresAt", status = 'leased', "createdAt" = EXCLUDED."createdAt"
      RETURNING id, "imageId", "leaseExpiresAt")
    SELECT lease.*, pt.text AS prompt
    FROM lease JOIN "Image" i ON i.id = lease."imageId" JOIN "Prompt" pt ON pt.id = i."promptId"`,
);

/** Locks one image row (a late answer recounts its slots under the lock). */
export const LOCK_RATING_IMAGE = statement<{ id: string }, [imageId: string]>(
  "rating_lock_image",
  `SELECT id FROM "Image" WHERE id = $1 FOR NO KEY UPDATE`,
);

export interface RatingSubmitContextRow {
  /** A rating already stored under this idempotency key (any annotator's), or null. */
  replay: {
    id: string;
    annotatorId: string;
    assignmentId: string;
    criterionId: string;
    value: number;
    completed: boolean;
  } | null;
  /** Null (and every column below too) when the assignment is not this annotator's. */
  assignmentId: string | null;
  imageId: string | null;
  campaignId: string | null;
  campaignStatus: string | null;
  leaseSeconds: number | null;
  live: boolean | null;
  aspects: RatingAspectRow[] | null;
  answered: string[] | null;
  recent: number;
}

/** Everything submitRating checks before writing, in one statement (as JUDGMENT_CONTEXT). */
export const RATING_SUBMIT_CONTEXT = statement<
  RatingSubmitContextRow,
  [annotatorId: string, assignmentId: string, idempotencyKey: string, rateWindowSeconds: number]
>(
  "rating_submit_context",
  `SELECT
      (SELECT json_build_object('id', r.id, 'annotatorId', r."annotatorId", 'assignmentId', r."assignmentId",
          'criterionId', r."criterionId", 'value', r.value, 'completed', ra.status = 'completed')
         FROM "Rating" r JOIN "RatingAssignment" ra ON ra.id = r."assignmentId" WHERE r."idempotencyKey" = $3) AS replay,
      a.id AS "assignmentId", a."imageId", c.id AS "campaignId", c.status::text AS "campaignStatus", c."leaseSeconds",
      (a.id IS NOT NULL AND ${liveLease("a")}) AS live,
      CASE WHEN a.id IS NOT NULL THEN ${ASPECTS_OF("c.id")} END AS aspects,
      CASE WHEN a.id IS NOT NULL THEN (SELECT coalesce(array_agg(r."criterionId"), '{}') FROM "Rating" r WHERE r."assignmentId" = a.id) END AS answered,
      (SELECT count(*) FROM "Rating" r WHERE r."annotatorId" = $1 AND r."createdAt" > now() - make_interval(secs => $4))::int AS recent
    FROM (SELECT 1) one
    LEFT JOIN "RatingAssignment" a ON a.id = $2 AND a."annotatorId" = $1
    LEFT JOIN "Image" i ON i.id = a."imageId"
    LEFT JOIN "Campaign" c ON c.id = i."campaignId"`,
);

/**
 * Writes one rating and moves its assignment on, by the database clock: completed when `completes`,
 * otherwise still leased with the lease renewed. Run in the transaction that locked the image.
 */
export const RATING_WRITE = statement<
  { id: string },
  [
    ratingId: string,
    imageId: string,
    criterionId: string,
    annotatorId: string,
    assignmentId: string,
    value: number,
    latencyMs: number | null,
    idempotencyKey: string,
    completes: boolean,
    leaseSeconds: number,
  ]
>(
  "rating_write",
  `WITH rating AS (
      INSERT INTO "Rating" (id, "imageId", "criterionId", "annotatorId", "assignmentId", value, "latencyMs", "idempotencyKey", "createdAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id),
    moved AS (
      UPDATE "RatingAssignment" SET
        status = CASE WHEN $9::boolean THEN 'completed' ELSE 'leased' END::"AssignmentStatus",
        "completedAt" = CASE WHEN $9::boolean THEN now() END,
        "leaseExpiresAt" = CASE WHEN $9::boolean THEN "leaseExpiresAt" ELSE greatest("leaseExpiresAt", now() + make_interval(secs => $10)) END
      WHERE id = $5 RETURNING id)
    SELECT rating.id FROM rating, moved`,
);
