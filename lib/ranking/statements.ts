import "server-only";
import { statement } from "../db/prepared";
import { liveLease } from "../assignment/statements";
import { undoStatements } from "../judgments/statements";
import {
  aspectsOf,
  itemLeaseStatements,
  itemSummaryStatements,
  replayColumn,
  submitContextTail,
  type ItemAnswerWriteParams,
  type ItemAspectRow,
  type ItemTables,
  type SubmitContextParams,
} from "../rating/statements";

/**
 * The ranking task type's SQL (issue 22; see lib/db/prepared.ts): its items are RankingItems (the
 * K images of one prompt and seed), leased by the item lease engine shared with rating
 * (lib/rating/statements.ts), each lease with its own random slot order.
 */
const RANKING_TABLES: ItemTables = {
  name: "ranking",
  assignment: "RankingAssignment",
  item: "RankingItem",
  itemColumn: "itemId",
  answer: "Ranking",
  itemFilter: "true",
  leaseColumns: {
    names: `, "slotOrder"`,
    values: `, (SELECT array_agg(x ORDER BY random()) FROM unnest(it."imageIds") AS x)`,
  },
};

export const RANKING_ITEMS = itemLeaseStatements(RANKING_TABLES);

/** Undoing a ranking (lib/judgments/undo-answer.ts). */
export const RANKING_UNDO = undoStatements(RANKING_TABLES);

/**
 * Makes the ranking items of every (prompt, seed) whose K images (one per campaign model) all
 * exist, images in campaign model order; idempotent (the unique (campaign, prompt, seed) key).
 */
export const CREATE_RANKING_ITEMS = statement<never, [campaignId: string]>(
  "ranking_create_items",
  `INSERT INTO "RankingItem" (id, "campaignId", "promptId", seed, "imageIds", "createdAt")
   SELECT 'rk' || replace(gen_random_uuid()::text, '-', ''), $1, i."promptId", i.seed, array_agg(i.id ORDER BY cm.position), now()
   FROM "Image" i JOIN "CampaignModel" cm ON cm."campaignId" = i."campaignId" AND cm."modelId" = i."modelId"
   WHERE i."campaignId" = $1 AND i.kind = 'generated'
   GROUP BY i."promptId", i.seed
   HAVING count(*) = (SELECT count(*) FROM "CampaignModel" WHERE "campaignId" = $1)
   ON CONFLICT ("campaignId", "promptId", seed) DO NOTHING`,
);

export interface RankingSubmitContextRow {
  replay: {
    id: string;
    annotatorId: string;
    assignmentId: string;
    ranks: number[];
  } | null;
  /** Null (and every column below too) when the assignment is not this annotator's. */
  assignmentId: string | null;
  itemId: string | null;
  slotOrder: string[] | null;
  campaignId: string | null;
  campaignStatus: string | null;
  live: boolean | null;
  answered: boolean | null;
  criteria: ItemAspectRow[] | null;
  recent: number;
}

/** Everything submitRanking checks before writing, in one statement. */
export const RANKING_SUBMIT_CONTEXT = statement<RankingSubmitContextRow, SubmitContextParams>(
  "ranking_submit_context",
  `SELECT
      ${replayColumn(RANKING_TABLES, `'ranks', r.ranks`)},
      a.id AS "assignmentId", a."itemId", a."slotOrder", c.id AS "campaignId", c.status::text AS "campaignStatus",
      (a.id IS NOT NULL AND ${liveLease("a")}) AS live,
      CASE WHEN a.id IS NOT NULL THEN EXISTS (SELECT 1 FROM "Ranking" r WHERE r."assignmentId" = a.id) END AS answered,
      CASE WHEN a.id IS NOT NULL THEN ${aspectsOf("c.id")} END AS criteria,
      ${submitContextTail(RANKING_TABLES)}`,
);

/** Writes one ranking and completes its assignment, by the database clock. Run in the transaction that locked the item. */
export const RANKING_WRITE = statement<{ id: string }, ItemAnswerWriteParams<number[]>>(
  "ranking_write",
  `WITH ranking AS (
      INSERT INTO "Ranking" (id, "itemId", "criterionId", "annotatorId", "assignmentId", ranks, "latencyMs", "idempotencyKey", "createdAt")
      VALUES ($1, $2, $3, $4, $5, $6::int[], $7, $8, now()) RETURNING id),
    moved AS (
      UPDATE "RankingAssignment" SET status = 'completed', "completedAt" = now() WHERE id = $5 RETURNING id)
    SELECT ranking.id FROM ranking, moved`,
);

/** The live summary's reads of a ranking campaign; an answer is the ranks by slot (the same order every time, whatever the images, is position, not taste). */
export const RANKING_SUMMARY = itemSummaryStatements(RANKING_TABLES, `r.ranks::text`);
