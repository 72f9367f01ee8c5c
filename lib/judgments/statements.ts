import "server-only";
import { statement } from "../db/prepared";
import { liveLease, PAIR_TABLES, type LeaseTables } from "../assignment/statements";

/** The judgment path's SQL (see lib/db/prepared.ts for how statements are declared and run). */

export interface StoredJudgment {
  id: string;
  annotatorId: string;
  assignmentId: string;
  criterionId: string;
  choice: string;
  completed: boolean;
}

/** What is read whether or not the assignment was found. */
interface ContextAlways {
  /** The annotator's judgments recorded in the rate window. */
  recent: number;
  /** A judgment already stored under this idempotency key (anyone's). */
  replay: StoredJudgment | null;
  /** Status "leased" and not expired (by the database clock); false without an assignment. */
  live: boolean;
  /** False (and flaggedAt null) without a participation, or without an assignment. */
  participating: boolean;
  flaggedAt: Date | null;
  /** Empty without an assignment. */
  criteria: { id: string; key: string; choices: string[]; judgmentsPerPair: number }[];
  answered: string[];
  /** The latest latencies, newest first; read only when the campaign has a minimum judgment time. */
  latencies: number[];
}

/** The assignment (only if it is this annotator's) with its pair and campaign. */
interface AssignmentColumns {
  assignmentId: string;
  pairId: string;
  leftImageId: string;
  criterionIds: string[];
  campaignId: string;
  isGold: boolean;
  campaignStatus: string;
  leaseSeconds: number;
  goldFailLimit: number;
  goldMinJudged: number;
  minJudgmentMs: number;
}

/** The row with the assignment found. */
export type AssignmentJudgmentContext = ContextAlways & AssignmentColumns;

/**
 * One row, always. The assignment, its pair and its campaign are LEFT JOINed: all three are found
 * together (the foreign keys are NOT NULL) or, when the assignment is missing or another
 * annotator's, all their columns are null.
 */
export type JudgmentContextRow =
  AssignmentJudgmentContext | (ContextAlways & { [column in keyof AssignmentColumns]: null });

export const JUDGMENT_CONTEXT = statement<
  JudgmentContextRow,
  [annotatorId: string, rateWindowSeconds: number, idempotencyKey: string, latencyWindow: number, assignmentId: string]
>(
  "judgment_context",
  `SELECT
      (SELECT count(*) FROM "Judgment" r
        WHERE r."annotatorId" = $1 AND r."createdAt" > now() - make_interval(secs => $2))::int AS recent,
      (SELECT json_build_object('id', j.id, 'annotatorId', j."annotatorId", 'assignmentId', j."assignmentId",
                 'criterionId', j."criterionId", 'choice', j.choice, 'completed', ja.status = 'completed')
         FROM "Judgment" j JOIN "Assignment" ja ON ja.id = j."assignmentId" WHERE j."idempotencyKey" = $3) AS replay,
      a.id AS "assignmentId", a."pairId", a."leftImageId", a."criterionIds",
      coalesce(${liveLease("a")}, false) AS live,
      p."campaignId", p."isGold", c.status::text AS "campaignStatus", c."leaseSeconds",
      c."goldFailLimit", c."goldMinJudged", c."minJudgmentMs",
      (SELECT coalesce(json_agg(json_build_object('id', k.id, 'key', k.key, 'choices', k.choices::text[], 'judgmentsPerPair', k."judgmentsPerPair")), '[]')
         FROM "Criterion" k WHERE k."campaignId" = c.id) AS criteria,
      (SELECT coalesce(array_agg(d."criterionId"), '{}') FROM "Judgment" d WHERE d."assignmentId" = a.id) AS answered,
      pa.id IS NOT NULL AS participating, pa."flaggedAt",
      CASE WHEN c."minJudgmentMs" > 0 AND pa."flaggedAt" IS NULL THEN (
        SELECT coalesce(array_agg(q."latencyMs" ORDER BY q."createdAt" DESC), '{}') FROM (
          SELECT l."latencyMs", l."createdAt" FROM "Judgment" l JOIN "Pair" lp ON lp.id = l."pairId"
          WHERE l."annotatorId" = $1 AND lp."campaignId" = c.id AND l."latencyMs" IS NOT NULL
          ORDER BY l."createdAt" DESC LIMIT $4) q)
      ELSE '{}' END AS latencies
    FROM (SELECT 1) one
      LEFT JOIN "Assignment" a ON a.id = $5 AND a."annotatorId" = $1
      LEFT JOIN "Pair" p ON p.id = a."pairId"
      LEFT JOIN "Campaign" c ON c.id = p."campaignId"
      LEFT JOIN "Participation" pa ON pa."campaignId" = c.id AND pa."userId" = $1`,
);

/** The parameters of both judgment writes. */
export type WriteJudgmentParams = [
  judgmentId: string,
  pairId: string,
  criterionId: string,
  annotatorId: string,
  choice: string,
  leftImageId: string,
  latencyMs: number | null,
  idempotencyKey: string,
  assignmentId: string,
  completes: boolean,
  leaseSeconds: number,
];

/**
 * The judgment from the assignment `source` (a CTE of one `id` column, or none), and the
 * assignment moved on: completed, or its lease renewed. Returns the judgment's id. Times by the
 * database clock.
 */
const recordJudgmentFrom = (source: string) => `
    judgment AS (
      INSERT INTO "Judgment" (id, "pairId", "criterionId", "annotatorId", "assignmentId", choice, "leftImageId", "latencyMs", "idempotencyKey", "createdAt")
      SELECT $1, $2, $3, $4, ${source}.id, $5::"Choice", $6, $7::int, $8, now()
      FROM ${source} RETURNING id, "assignmentId"),
    moved AS (
      UPDATE "Assignment" SET
        status = CASE WHEN $10::boolean THEN 'completed' ELSE 'leased' END::"AssignmentStatus",
        "completedAt" = CASE WHEN $10::boolean THEN now() ELSE "completedAt" END,
        "leaseExpiresAt" = CASE WHEN $10::boolean THEN "leaseExpiresAt" ELSE now() + make_interval(secs => $11) END
      WHERE id = (SELECT "assignmentId" FROM judgment) RETURNING id)
    SELECT judgment.id FROM judgment, moved`;

/**
 * The live lease's write, in one statement: locks the pair row first, as the lease engine does,
 * and re-checks the lease; no row (nothing written) if it lapsed meanwhile.
 */
export const WRITE_LIVE = statement<{ id: string }, WriteJudgmentParams>(
  "write_judgment_live",
  `WITH pair AS (SELECT id FROM "Pair" WHERE id = $2 FOR UPDATE),
    lease AS (
      SELECT a.id FROM "Assignment" a, pair
      WHERE a.id = $9 AND ${liveLease("a")}),
    ${recordJudgmentFrom("lease")}`,
);

/** The lapsed lease's write, once LOCK_PAIR is held and SLOTS_TAKEN found the slot free. */
export const WRITE_AFTER_LAPSE = statement<{ id: string }, WriteJudgmentParams>(
  "write_judgment_after_lapse",
  `WITH lapsed AS (SELECT $9::text AS id),
    ${recordJudgmentFrom("lapsed")}`,
);

export const LOCK_PAIR = statement<{ id: string }, [pairId: string]>(
  "lock_pair",
  `SELECT id FROM "Pair" WHERE id = $1 FOR UPDATE`,
);

/**
 * The statements of undoing an answer of one task type (its lease tables, `name` prefixing the
 * statements' names), all on the database clock (which stamped
 * the answer): FIND an annotator's own answer with its assignment and campaign; DELETE_RECENT it
 * when created within `windowSeconds` (a row back when deleted); REOPEN its assignment: leased again
 * for `leaseSeconds`, created at the epoch so it comes first among the annotator's open leases.
 */
export function undoStatements(t: LeaseTables & { name: string }) {
  return {
    FIND: statement<
      { assignmentId: string; status: string; leaseSeconds: number },
      [answerId: string, annotatorId: string]
    >(
      `${t.name}_undo_find`,
      `SELECT r."assignmentId", c.status::text AS status, c."leaseSeconds"
       FROM "${t.answer}" r JOIN "${t.assignment}" a ON a.id = r."assignmentId"
         JOIN "${t.item}" i ON i.id = a."${t.itemColumn}" JOIN "Campaign" c ON c.id = i."campaignId"
       WHERE r.id = $1 AND r."annotatorId" = $2`,
    ),
    DELETE_RECENT: statement<{ id: string }, [answerId: string, annotatorId: string, windowSeconds: number]>(
      `${t.name}_undo_delete`,
      `DELETE FROM "${t.answer}" WHERE id = $1 AND "annotatorId" = $2 AND "createdAt" > now() - make_interval(secs => $3)
       RETURNING id`,
    ),
    REOPEN: statement<never, [assignmentId: string, leaseSeconds: number]>(
      `${t.name}_undo_reopen`,
      `UPDATE "${t.assignment}" SET status = 'leased', "completedAt" = NULL,
         "leaseExpiresAt" = now() + make_interval(secs => $2), "createdAt" = 'epoch'::timestamp
       WHERE id = $1`,
    ),
  };
}

export const JUDGMENT_UNDO = undoStatements({ ...PAIR_TABLES, name: "judgment" });
