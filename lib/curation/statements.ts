import "server-only";
import { statement } from "../db/prepared";
import { liveLease } from "../assignment/statements";
import { undoStatements } from "../judgments/statements";
import {
  itemLeaseStatements,
  replayColumn,
  submitContextTail,
  type ItemTables,
  type SubmitContextParams,
} from "../rating/statements";

/**
 * The curation task type's statements (issue 22). Its items are CurationItems — one image at one
 * stage — leased by the item lease engine (lib/rating/statements.ts) once per stage, so that a
 * stage's target (its votes per image) and who may be served it (stage 2: experts only) are the
 * caller's choice; an answer is one CurationVote.
 */
const curationTables = (stage: number): ItemTables => ({
  name: `curation_stage${stage}`,
  assignment: "CurationAssignment",
  item: "CurationItem",
  itemColumn: "itemId",
  answer: "CurationVote",
  itemFilter: `i.stage = ${stage}`,
});

/** The lease engines of stage 1 and stage 2 (MAX_CURATION_STAGES). */
export const CURATION_STAGE1_ITEMS = itemLeaseStatements(curationTables(1));
export const CURATION_STAGE2_ITEMS = itemLeaseStatements(curationTables(2));

export interface CurationSubmitContextRow {
  /** A vote already stored under this idempotency key (any annotator's), or null. */
  replay: { id: string; annotatorId: string; assignmentId: string; accept: boolean } | null;
  /** Null (and every column below too) when the assignment is not this annotator's. */
  assignmentId: string | null;
  itemId: string | null;
  stage: number | null;
  campaignId: string | null;
  campaignStatus: string | null;
  leaseSeconds: number | null;
  live: boolean | null;
  /** The stage's criterion and its votes per image. */
  criterionId: string | null;
  target: number | null;
  answered: boolean | null;
  /** Campaign.curation (lib/curation/curation-spec.ts StoredCuration). */
  curation: unknown;
  recent: number;
}

/** Everything submitCurationVote checks before writing, in one statement (as RATING_SUBMIT_CONTEXT). */
export const CURATION_SUBMIT_CONTEXT = statement<CurationSubmitContextRow, SubmitContextParams>(
  "curation_submit_context",
  `SELECT
      ${replayColumn(curationTables(1), `'accept', r.accept`)},
      a.id AS "assignmentId", i.id AS "itemId", i.stage, c.id AS "campaignId", c.status::text AS "campaignStatus",
      c."leaseSeconds", (a.id IS NOT NULL AND ${liveLease("a")}) AS live,
      k.id AS "criterionId", k."judgmentsPerPair" AS target,
      CASE WHEN a.id IS NOT NULL THEN EXISTS (SELECT 1 FROM "CurationVote" v WHERE v."assignmentId" = a.id) END AS answered,
      c.curation,
      ${submitContextTail(curationTables(1))}
    LEFT JOIN "Criterion" k ON k."campaignId" = c.id AND k.key = 'stage_' || i.stage`,
);

/** Writes one vote and completes its assignment, by the database clock. Run in the transaction that locked the item. */
export const CURATION_WRITE = statement<
  { id: string },
  [
    voteId: string,
    itemId: string,
    criterionId: string,
    annotatorId: string,
    assignmentId: string,
    accept: boolean,
    latencyMs: number | null,
    idempotencyKey: string,
  ]
>(
  "curation_write",
  `WITH vote AS (
      INSERT INTO "CurationVote" (id, "itemId", "criterionId", "annotatorId", "assignmentId", accept, "latencyMs", "idempotencyKey", "createdAt")
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING id),
    moved AS (
      UPDATE "CurationAssignment" SET status = 'completed', "completedAt" = now() WHERE id = $5 RETURNING id)
    SELECT vote.id FROM vote, moved`,
);

/** The item's accepts and rejects so far (with the item row locked). */
export const CURATION_TALLY = statement<{ accepts: number; rejects: number }, [itemId: string]>(
  "curation_tally",
  `SELECT count(*) FILTER (WHERE accept)::int AS accepts, count(*) FILTER (WHERE NOT accept)::int AS rejects
    FROM "CurationVote" WHERE "itemId" = $1`,
);

/** The item's image at the next stage (a survivor goes on); nothing when it is there already. */
export const CURATION_ADVANCE = statement<{ id: string }, [newItemId: string, itemId: string]>(
  "curation_advance",
  `INSERT INTO "CurationItem" (id, "campaignId", "imageId", "promptId", stage, "createdAt")
    SELECT $1, i."campaignId", i."imageId", i."promptId", i.stage + 1, now() FROM "CurationItem" i WHERE i.id = $2
    ON CONFLICT ("imageId", stage) DO NOTHING
    RETURNING id`,
);

/** Undo of a curation vote: the one undo's statements (lib/judgments/undo-answer.ts) over its tables. */
export const CURATION_UNDO = undoStatements({ ...curationTables(1), name: "curation" });

/** The item an assignment leased, with its stage and the campaign's stored curation settings. */
export const CURATION_ASSIGNMENT_ITEM = statement<
  { itemId: string; imageId: string; stage: number; curation: unknown },
  [assignmentId: string]
>(
  "curation_assignment_item",
  `SELECT i.id AS "itemId", i."imageId", i.stage, c.curation
    FROM "CurationAssignment" a JOIN "CurationItem" i ON i.id = a."itemId" JOIN "Campaign" c ON c.id = i."campaignId"
    WHERE a.id = $1`,
);

/** Withdraws an image's item at `stage` unless someone has been served it already. */
export const CURATION_WITHDRAW_UNSERVED = statement<{ id: string }, [imageId: string, stage: number]>(
  "curation_withdraw_unserved",
  `DELETE FROM "CurationItem" n
    WHERE n."imageId" = $1 AND n.stage = $2 AND NOT EXISTS (SELECT 1 FROM "CurationAssignment" a WHERE a."itemId" = n.id)
    RETURNING n.id`,
);

/**
 * The progress total of a curation annotator: the items they completed or hold, and those still
 * open to them — stage 1, and stage 2 for an expert ($3), short of the stage's votes per image by
 * the other annotators' completed and live leases (the lease engine's pre-filter). An expert who
 * only has the survivors left counts the survivors, not the crowd's images. One pass over the
 * campaign's leases and items, as the candidate statement makes.
 */
export const CURATION_SERVABLE = statement<
  { total: number },
  [campaignId: string, annotatorId: string, expert: boolean]
>(
  "curation_servable",
  `WITH fill AS MATERIALIZED (
      SELECT a."itemId", count(*) FILTER (WHERE a."annotatorId" <> $2)::int AS others,
        bool_or(a."annotatorId" = $2) AS mine
      FROM "CurationAssignment" a JOIN "CurationItem" i ON i.id = a."itemId"
      WHERE i."campaignId" = $1 AND (a.status = 'completed' OR ${liveLease("a")})
      GROUP BY 1)
    SELECT count(*)::int AS total
    FROM "CurationItem" i
    JOIN "Criterion" k ON k."campaignId" = i."campaignId" AND k.key = 'stage_' || i.stage
    LEFT JOIN fill ON fill."itemId" = i.id
    WHERE i."campaignId" = $1
      AND (coalesce(fill.mine, false) OR ((i.stage = 1 OR $3) AND coalesce(fill.others, 0) < k."judgmentsPerPair"))`,
);
