import "server-only";
import { statement } from "../db/prepared";
import { annotatorContextTail, liveLease, type LeaseTables } from "../assignment/statements";
import { undoStatements } from "../judgments/statements";

/**
 * The lease engine of task types whose item is answered by one annotator at a time as a whole
 * (issue 22): rating (the item is a generated Image, leased by a RatingAssignment, answered by
 * Ratings) and ranking (a RankingItem of K images, leased by a RankingAssignment, answered by one
 * Ranking). See lib/db/prepared.ts for how statements are declared and run. The rules are the
 * pairwise engine's (lib/assignment/statements.ts) for items of their own: `liveLease` (imported,
 * written once) and one slot rule (`slotsTakenOn`) shared by the lease and the late answer; the
 * statements of both task types are built here from their tables, so the rules are written once.
 */
export interface ItemTables extends LeaseTables {
  /** Statement name prefix: `rating`, `ranking`. */
  name: string;
  /** Extra columns of a new lease and their values (the item row is `it`), e.g. a ranking's slot order. */
  leaseColumns?: { names: string; values: string };
}

/**
 * Per item among `itemIds` (an SQL text[] expression), the slots taken by annotators other than
 * `annotatorId`: an annotator takes a slot when they hold a live lease on it, completed it, or
 * answered anything on it (an expired lease with a partial answer still holds its slot), so an item
 * is never answered by more annotators than its target. Read with the item rows locked, in a
 * statement after the one that locked them.
 */
const slotsTakenOn = (t: ItemTables, itemIds: string, annotatorId: string) => `
  SELECT a."${t.itemColumn}" AS "itemId", count(*)::int AS n FROM "${t.assignment}" a
  WHERE a."${t.itemColumn}" = ANY(${itemIds}) AND a."annotatorId" <> ${annotatorId}
    AND (${liveLease("a")} OR a.status = 'completed' OR EXISTS (SELECT 1 FROM "${t.answer}" r WHERE r."assignmentId" = a.id))
  GROUP BY 1`;

export interface ItemAspectRow {
  id: string;
  key: string;
  label: string | null;
  question: string;
  showPrompt: boolean;
  scale: string | null;
  scaleLabels: string[];
  judgmentsPerPair: number;
}

export interface OpenItemLeaseJson {
  id: string;
  itemId: string;
  prompt: string;
  leaseExpiresAt: number;
  answered: string[];
}

export interface ItemContextRow {
  participating: boolean;
  consentedAt: Date | null;
  flaggedAt: Date | null;
  status: string;
  taskType: string;
  completionCode: string | null;
  completionUrl: string | null;
  perAnnotatorCap: number | null;
  leaseSeconds: number;
  /** The campaign's criteria (a rating campaign's aspects; a ranking campaign's one question). */
  aspects: ItemAspectRow[];
  /** The campaign's models (a ranking item shows one image of each). */
  models: number;
  open: OpenItemLeaseJson[];
  done: number;
  /** Null when the campaign has a per-annotator cap (not read then). */
  itemTotal: number | null;
}

/** The campaign's criteria as JSON (ItemAspectRow[]). */
export const aspectsOf = (
  campaign: string,
) => `(SELECT coalesce(json_agg(json_build_object('id', k.id, 'key', k.key, 'label', k.label,
        'question', k.question, 'showPrompt', k."showPrompt", 'scale', k.scale::text, 'scaleLabels', k."scaleLabels",
        'judgmentsPerPair', k."judgmentsPerPair") ORDER BY k.position), '[]')
     FROM "Criterion" k WHERE k."campaignId" = ${campaign})`;

/**
 * The parameters of an item answer's write (RATING_WRITE, RANKING_WRITE): $1 to $8 alike, the
 * answer's `value` (a rating's value, a ranking's ranks) at $6, then the task type's own (`Tail`).
 */
export type ItemAnswerWriteParams<Value, Tail extends unknown[] = []> = [
  answerId: string,
  itemId: string,
  criterionId: string,
  annotatorId: string,
  assignmentId: string,
  value: Value,
  latencyMs: number | null,
  idempotencyKey: string,
  ...Tail,
];

/** The parameters of a submit context statement (RATING_SUBMIT_CONTEXT, RANKING_SUBMIT_CONTEXT). */
export type SubmitContextParams = [
  annotatorId: string,
  assignmentId: string,
  idempotencyKey: string,
  rateWindowSeconds: number,
];

/**
 * The `replay` column of a submit context statement: the answer stored under the idempotency key
 * ($3), anyone's, as JSON — what every answer path reads of it (lib/judgments/answer-once.ts
 * StoredAnswer: id, annotator, assignment), then the task type's `fields` of the answer (alias r,
 * and what `join` adds) — or null.
 */
export const replayColumn = (
  t: ItemTables,
  fields: string,
  join = "",
) => `(SELECT json_build_object('id', r.id, 'annotatorId', r."annotatorId", 'assignmentId', r."assignmentId", ${fields})
         FROM "${t.answer}" r${join} WHERE r."idempotencyKey" = $3) AS replay`;

/**
 * The end of a submit context statement: the annotator's answers in the rate window ($1, $4
 * seconds) as `recent`, then the assignment $2 only when it is $1's (alias a), its item (alias i)
 * and campaign (alias c).
 */
export const submitContextTail = (
  t: ItemTables,
) => `(SELECT count(*) FROM "${t.answer}" r WHERE r."annotatorId" = $1 AND r."createdAt" > now() - make_interval(secs => $4))::int AS recent
    FROM (SELECT 1) one
    LEFT JOIN "${t.assignment}" a ON a.id = $2 AND a."annotatorId" = $1
    LEFT JOIN "${t.item}" i ON i.id = a."${t.itemColumn}"
    LEFT JOIN "Campaign" c ON c.id = i."campaignId"`;

/** A lease with its prompt, as the lease statement returns it. */
export interface ItemLeaseRow {
  id: string;
  itemId: string;
  leaseExpiresAt: Date;
  prompt: string;
}

/** The statements of one task type's item lease engine. */
export function itemLeaseStatements(t: ItemTables) {
  return {
    SLOTS_TAKEN: statement<{ itemId: string; n: number }, [itemIds: string[], annotatorId: string]>(
      `${t.name}_slots_taken`,
      slotsTakenOn(t, "$1::text[]", "$2"),
    ),

    /** Everything the voting path needs about one annotator in one campaign, in one statement (as ANNOTATOR_CONTEXT). No row when the campaign does not exist. */
    CONTEXT: statement<ItemContextRow, [annotatorId: string, campaignId: string]>(
      `${t.name}_context`,
      `SELECT p.id IS NOT NULL AS participating, p."consentedAt", p."flaggedAt",
      c.status::text AS status, c."taskType"::text AS "taskType", c."completionCode", c."completionUrl",
      c."perAnnotatorCap", c."leaseSeconds",
      ${aspectsOf("c.id")} AS aspects,
      (SELECT count(*) FROM "CampaignModel" cm WHERE cm."campaignId" = c.id)::int AS models,
      ${annotatorContextTail(t, `'itemId', a."${t.itemColumn}"`, "itemTotal")}`,
    ),

    /**
     * The campaign's items still short of `target` (completed or live-leased assignments, a cheap
     * pre-filter; the exact count is WRITE_LEASE's), least-filled first, ties by a hash of item and
     * annotator so concurrent annotators spread out; never one this annotator completed or holds.
     * Each with whether this transaction now holds its row lock (FOR NO KEY UPDATE SKIP LOCKED: the
     * lock excludes other leasers but not the foreign-key checks of answers being written).
     */
    LOCK_CANDIDATES: statement<
      { id: string; locked: boolean },
      [campaignId: string, annotatorId: string, target: number, skipItemIds: string[], limit: number]
    >(
      `${t.name}_lock_candidates`,
      `WITH fill AS MATERIALIZED (
      SELECT a."${t.itemColumn}" AS "itemId", count(*)::int AS n FROM "${t.assignment}" a JOIN "${t.item}" i ON i.id = a."${t.itemColumn}"
      WHERE i."campaignId" = $1 AND (a.status = 'completed' OR ${liveLease("a")})
      GROUP BY 1),
    mine AS MATERIALIZED (
      SELECT m."${t.itemColumn}" AS "itemId" FROM "${t.assignment}" m
      WHERE m."annotatorId" = $2 AND (m.status = 'completed' OR m."leaseExpiresAt" > now())),
    candidate AS (
      SELECT i.id, row_number() OVER (ORDER BY coalesce(fill.n, 0), md5(i.id || $2)) AS ord
      FROM "${t.item}" i LEFT JOIN fill ON fill."itemId" = i.id
      WHERE i."campaignId" = $1 AND ${t.itemFilter} AND i.id <> ALL($4::text[])
        AND coalesce(fill.n, 0) < $3
        AND NOT EXISTS (SELECT 1 FROM mine WHERE mine."itemId" = i.id)
      ORDER BY ord
      LIMIT $5)
    SELECT candidate.id, l.id IS NOT NULL AS locked
    FROM candidate LEFT JOIN LATERAL (SELECT x.id FROM "${t.item}" x WHERE x.id = candidate.id FOR NO KEY UPDATE SKIP LOCKED) l ON true
    ORDER BY candidate.ord`,
    ),

    /**
     * With the candidates locked: the first one whose slots (slotsTakenOn) are below `target` and
     * that this annotator has not completed, leased (renewing their own lapsed lease on it, which
     * keeps its answers and its extra columns). No row when every candidate is full.
     */
    WRITE_LEASE: statement<
      ItemLeaseRow,
      [lockedItemIds: string[], annotatorId: string, target: number, assignmentId: string, leaseSeconds: number]
    >(
      `${t.name}_lease_write`,
      `WITH locked AS (SELECT id, ord FROM unnest($1::text[]) WITH ORDINALITY AS l(id, ord)),
    taken AS (${slotsTakenOn(t, "$1::text[]", "$2")}),
    pick AS (
      SELECT l.id FROM locked l
      WHERE coalesce((SELECT k.n FROM taken k WHERE k."itemId" = l.id), 0) < $3
        AND NOT EXISTS (SELECT 1 FROM "${t.assignment}" m WHERE m."${t.itemColumn}" = l.id AND m."annotatorId" = $2 AND m.status = 'completed')
      ORDER BY l.ord LIMIT 1),
    lease AS (
      INSERT INTO "${t.assignment}" (id, "${t.itemColumn}", "annotatorId", status, "leaseExpiresAt", "createdAt"${t.leaseColumns?.names ?? ""})
      SELECT $4, pick.id, $2, 'leased', now() + make_interval(secs => $5), now()${t.leaseColumns?.values ?? ""}
      FROM pick JOIN "${t.item}" it ON it.id = pick.id
      ON CONFLICT ("${t.itemColumn}", "annotatorId") DO UPDATE
        SET "leaseExpiresAt" = EXCLUDED."leaseExpiresAt", status = 'leased', "createdAt" = EXCLUDED."createdAt"
      RETURNING id, "${t.itemColumn}" AS "itemId", "leaseExpiresAt")
    SELECT lease.*, pt.text AS prompt
    FROM lease JOIN "${t.item}" i ON i.id = lease."itemId" JOIN "Prompt" pt ON pt.id = i."promptId"`,
    ),

    /** Locks one item row (a late answer recounts its slots under the lock). */
    LOCK_ITEM: statement<{ id: string }, [itemId: string]>(
      `${t.name}_lock_item`,
      `SELECT id FROM "${t.item}" WHERE id = $1 FOR NO KEY UPDATE`,
    ),
  };
}

/** The rating task type's item lease engine: the campaign's generated images. */
const RATING_TABLES: ItemTables = {
  name: "rating",
  assignment: "RatingAssignment",
  item: "Image",
  itemColumn: "imageId",
  answer: "Rating",
  itemFilter: "i.kind = 'generated'",
};

export const RATING_ITEMS = itemLeaseStatements(RATING_TABLES);

/** Undoing a rating (lib/judgments/undo-answer.ts). */
export const RATING_UNDO = undoStatements(RATING_TABLES);

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
  aspects: ItemAspectRow[] | null;
  answered: string[] | null;
  recent: number;
}

/** Everything submitRating checks before writing, in one statement (as JUDGMENT_CONTEXT). */
export const RATING_SUBMIT_CONTEXT = statement<RatingSubmitContextRow, SubmitContextParams>(
  "rating_submit_context",
  `SELECT
      ${replayColumn(
        RATING_TABLES,
        `'criterionId', r."criterionId", 'value', r.value, 'completed', ra.status = 'completed'`,
        ` JOIN "RatingAssignment" ra ON ra.id = r."assignmentId"`,
      )},
      a.id AS "assignmentId", a."imageId", c.id AS "campaignId", c.status::text AS "campaignStatus", c."leaseSeconds",
      (a.id IS NOT NULL AND ${liveLease("a")}) AS live,
      CASE WHEN a.id IS NOT NULL THEN ${aspectsOf("c.id")} END AS aspects,
      CASE WHEN a.id IS NOT NULL THEN (SELECT coalesce(array_agg(r."criterionId"), '{}') FROM "Rating" r WHERE r."assignmentId" = a.id) END AS answered,
      ${submitContextTail(RATING_TABLES)}`,
);

/**
 * Writes one rating and moves its assignment on, by the database clock: completed when `completes`,
 * otherwise still leased with the lease renewed. Run in the transaction that locked the image.
 */
export const RATING_WRITE = statement<
  { id: string },
  ItemAnswerWriteParams<number, [completes: boolean, leaseSeconds: number]>
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

/** One criterion's progress in an item campaign (ITEM_PROGRESS). */
export interface ItemProgressRow {
  criterionId: string;
  /** Answers on it (every annotator's). */
  answers: number;
  /** Items with at least the criterion's target answers. */
  complete: number;
  /** The campaign's items (the same on every row). */
  items: number;
}

/** One annotator's answers in an item campaign (ITEM_ANNOTATORS). */
export interface ItemAnnotatorRow {
  annotatorId: string;
  answers: number;
  medianMs: number | null;
  /** Per criterion the count of the annotator's most frequent answer, summed: equal to `answers` when every answer on each criterion was the same. */
  modalAnswers: number;
}

/**
 * The live summary's reads of an item campaign (lib/campaigns/item-summary.ts): per criterion its
 * answers and complete items, and per annotator their answers, median time and how often they gave
 * the same answer (`answer`: the SQL of one answer of alias r, e.g. a rating's value). Each reads
 * the campaign's answers once through the item's campaign (no judgment, no image file).
 */
export function itemSummaryStatements(t: ItemTables, answer: string) {
  const answers = `SELECT r.* FROM "${t.answer}" r JOIN "${t.item}" i ON i.id = r."${t.itemColumn}" WHERE i."campaignId" = $1`;
  return {
    PROGRESS: statement<ItemProgressRow, [campaignId: string]>(
      `${t.name}_summary_progress`,
      `WITH per AS (SELECT r."criterionId", r."${t.itemColumn}" AS item, count(*)::int AS n FROM (${answers}) r GROUP BY 1, 2)
       SELECT k.id AS "criterionId", coalesce(sum(per.n), 0)::int AS answers,
              (count(per.item) FILTER (WHERE per.n >= k."judgmentsPerPair"))::int AS complete,
              (SELECT count(*) FROM "${t.item}" i WHERE i."campaignId" = $1 AND ${t.itemFilter})::int AS items
       FROM "Criterion" k LEFT JOIN per ON per."criterionId" = k.id
       WHERE k."campaignId" = $1 GROUP BY k.id, k.position ORDER BY k.position`,
    ),
    ANNOTATORS: statement<ItemAnnotatorRow, [campaignId: string]>(
      `${t.name}_summary_annotators`,
      `WITH a AS MATERIALIZED (SELECT r."annotatorId", r."criterionId", ${answer} AS answer, r."latencyMs" FROM (${answers}) r),
       modal AS (
         SELECT "annotatorId", sum(top)::int AS "modalAnswers"
         FROM (SELECT "annotatorId", "criterionId", max(n) AS top
               FROM (SELECT "annotatorId", "criterionId", answer, count(*) AS n FROM a GROUP BY 1, 2, 3) x GROUP BY 1, 2) y
         GROUP BY 1)
       SELECT a."annotatorId", count(*)::int AS answers,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY a."latencyMs"))::float8 AS "medianMs", m."modalAnswers"
       FROM a JOIN modal m ON m."annotatorId" = a."annotatorId"
       GROUP BY a."annotatorId", m."modalAnswers"`,
    ),
  };
}

export const RATING_SUMMARY = itemSummaryStatements(RATING_TABLES, `r.value::text`);
