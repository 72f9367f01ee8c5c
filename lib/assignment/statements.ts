import "server-only";
import { statement } from "../db/prepared";
import type { FillPolicy } from "../campaigns/campaign-spec";

/**
 * The lease engine's SQL (see lib/db/prepared.ts for how statements are declared and run).
 * Two rules are written once here and shared by every statement that needs them:
 * `liveLease` (what a live lease is) and `slotsTakenOn` (how a pair's slots are counted).
 */

/** A lease is live while it is `leased` and unexpired by the database clock. */
export const liveLease = (a: string) => `${a}.status = 'leased' AND ${a}."leaseExpiresAt" > now()`;

/** A lease table over its items (pairwise: Assignment over Pair; rating and ranking: lib/rating/statements.ts). */
export interface LeaseTables {
  /** The lease table (its item column is `itemColumn`). */
  assignment: string;
  /** The item table: rows with "campaignId" and "promptId". */
  item: string;
  itemColumn: string;
  /** The answer table: rows with "assignmentId" and "criterionId". */
  answer: string;
  /** Which item rows count in the annotator's total (alias i): no gold pairs; generated images only (the item engines lease only those). */
  itemFilter: string;
}

/**
 * The end of an annotator context statement (ANNOTATOR_CONTEXT, the item engines' CONTEXT), after
 * its campaign's columns: annotator $1's live leases in campaign $2 as `open` (JSON, oldest first:
 * id, `openFields` of the lease a and item i, expiry in epoch ms, prompt, answered criteria), their
 * completed leases as `done`, the campaign's items (`itemFilter`) as `totalAs` when it has no
 * per-annotator cap, then the campaign (alias c) and the annotator's participation (alias p).
 */
export const annotatorContextTail = (t: LeaseTables, openFields: string, totalAs: string) => `
      (SELECT coalesce(json_agg(json_build_object('id', a.id, ${openFields},
                 'leaseExpiresAt', extract(epoch from a."leaseExpiresAt") * 1000, 'prompt', pt.text,
                 'answered', (SELECT coalesce(array_agg(r."criterionId"), '{}') FROM "${t.answer}" r WHERE r."assignmentId" = a.id))
               ORDER BY a."createdAt"), '[]')
         FROM "${t.assignment}" a JOIN "${t.item}" i ON i.id = a."${t.itemColumn}" JOIN "Prompt" pt ON pt.id = i."promptId"
         WHERE a."annotatorId" = $1 AND ${liveLease("a")} AND i."campaignId" = c.id) AS open,
      (SELECT count(*) FROM "${t.assignment}" a JOIN "${t.item}" i ON i.id = a."${t.itemColumn}"
         WHERE a."annotatorId" = $1 AND a.status = 'completed' AND i."campaignId" = c.id)::int AS done,
      CASE WHEN c."perAnnotatorCap" IS NULL
        THEN (SELECT count(*) FROM "${t.item}" i WHERE i."campaignId" = c.id AND ${t.itemFilter})::int END AS "${totalAs}"
    FROM "Campaign" c LEFT JOIN "Participation" p ON p."campaignId" = c.id AND p."userId" = $1
    WHERE c.id = $2`;

/** The pairwise lease engine's tables: an Assignment leases a Pair; gold pairs are not counted in the total. */
export const PAIR_TABLES: LeaseTables = {
  assignment: "Assignment",
  item: "Pair",
  itemColumn: "pairId",
  answer: "Judgment",
  itemFilter: `NOT i."isGold"`,
};

/**
 * Per (pair, criterion) among `pairIds` (an SQL text[] expression), the slots taken by annotators
 * other than `annotatorId`: an annotator takes a slot of criterion c when they judged c on the
 * pair, or hold a live lease that asks c. Judgments count whatever their assignment's state (an
 * expired lease with a partial answer still holds the answered criterion), so a pair can never be
 * overfilled. Read it with the pairs' rows locked, in a statement after the one that locked them.
 */
const slotsTakenOn = (pairIds: string, annotatorId: string) => `
  SELECT "pairId", "criterionId", count(*)::int AS n FROM (
    SELECT a."pairId", a."annotatorId", c AS "criterionId"
    FROM "Assignment" a, unnest(a."criterionIds") AS c
    WHERE a."pairId" = ANY(${pairIds}) AND a."annotatorId" <> ${annotatorId} AND ${liveLease("a")}
    UNION
    SELECT j."pairId", j."annotatorId", j."criterionId" FROM "Judgment" j
    WHERE j."pairId" = ANY(${pairIds}) AND j."annotatorId" <> ${annotatorId}
  ) taken
  GROUP BY 1, 2`;

export const SLOTS_TAKEN = statement<
  { pairId: string; criterionId: string; n: number },
  [pairIds: string[], annotatorId: string]
>("slots_taken", slotsTakenOn("$1::text[]", "$2"));

/** An assignment row joined with its pair's images and prompt, as the lease statements return it. */
export interface LeaseRow {
  id: string;
  pairId: string;
  leftImageId: string;
  imageAId: string;
  imageBId: string;
  criterionIds: string[];
  leaseExpiresAt: Date;
  prompt: string;
}

export interface ContextCriterion {
  id: string;
  question: string;
  choices: string[];
  showPrompt: boolean;
  judgmentsPerPair: number;
}

/** A live lease in the context's JSON: the expiry in epoch milliseconds (a bare timestamp would read as local time). */
export type OpenLeaseJson = Omit<LeaseRow, "leaseExpiresAt"> & { leaseExpiresAt: number; answered: string[] };

export interface AnnotatorContextRow {
  /** False when the annotator never joined (the campaign row alone was found): the participation's columns are null. */
  participating: boolean;
  consentedAt: Date | null;
  flaggedAt: Date | null;
  status: string;
  completionCode: string | null;
  completionUrl: string | null;
  criteriaMode: string;
  fillPolicy: FillPolicy;
  perAnnotatorCap: number | null;
  leaseSeconds: number;
  goldRate: number;
  criteria: ContextCriterion[];
  open: OpenLeaseJson[];
  done: number;
  /** Null when the campaign has a per-annotator cap (not read then). */
  pairTotal: number | null;
  /** The campaign stops when decided or has the adaptive design: leases come from LOCK_CANDIDATES_SEQUENTIAL. */
  sequentialServing: boolean;
}

/** No row when the campaign does not exist. */
export const ANNOTATOR_CONTEXT = statement<AnnotatorContextRow, [annotatorId: string, campaignId: string]>(
  "annotator_context",
  `SELECT p.id IS NOT NULL AS participating, p."consentedAt", p."flaggedAt",
      c.status::text AS status, c."completionCode", c."completionUrl", c."criteriaMode"::text AS "criteriaMode",
      c."fillPolicy"::text AS "fillPolicy",
      c."perAnnotatorCap", c."leaseSeconds", c."goldRate",
      (SELECT coalesce(json_agg(json_build_object('id', k.id, 'question', k.question, 'choices', k.choices::text[],
                 'showPrompt', k."showPrompt", 'judgmentsPerPair', k."judgmentsPerPair") ORDER BY k.position), '[]')
         FROM "Criterion" k WHERE k."campaignId" = c.id) AS criteria,
      (c."stopWhenDecided" OR c."pairDesign" = 'adaptive') AS "sequentialServing",
      ${annotatorContextTail(
        PAIR_TABLES,
        `'pairId', a."pairId", 'leftImageId', a."leftImageId", 'imageAId', i."imageAId", 'imageBId', i."imageBId",
         'criterionIds', a."criterionIds"`,
        "pairTotal",
      )}`,
);

/** A live lease's count per pair, and the pairs this annotator completed or still holds: what both candidate statements leave out. */
const LIVE_AND_MINE = `live AS MATERIALIZED (
      SELECT a."pairId", count(*)::int AS n FROM "Assignment" a
      WHERE ${liveLease("a")}
      GROUP BY 1),
    mine AS MATERIALIZED (
      SELECT m."pairId" FROM "Assignment" m
      WHERE m."annotatorId" = $2 AND (m.status = 'completed' OR m."leaseExpiresAt" > now()))`;

/** The candidates' row locks, taken in their order (SKIP LOCKED: a row another transaction holds is reported unlocked). */
const LOCK_IN_ORDER = `SELECT candidate.id, l.id IS NOT NULL AS locked
    FROM candidate LEFT JOIN LATERAL (SELECT p.id FROM "Pair" p WHERE p.id = candidate.id FOR UPDATE SKIP LOCKED) l ON true
    ORDER BY candidate.ord`;

/**
 * The candidates in fill-policy order, each with whether this transaction now holds its row lock.
 * Fill = completed assignments (Pair."completedAssignments", kept by a trigger) + live leases.
 * Live leases are few (about two per active annotator) and come from the (status,
 * leaseExpiresAt) index, as do this annotator's own assignments from theirs, so the cost is one
 * pass over the campaign's pair rows, not a probe of every pair's assignments. `mine` keeps
 * out the pairs this annotator completed or still holds (any status, until its expiry).
 * `order` ranks the pairs (with `fill` the expression above); see the two statements below.
 */
const lockCandidates = (name: string, order: (fill: string) => string) => {
  const fill = `p."completedAssignments" + coalesce(live.n, 0)`;
  return statement<
    { id: string; locked: boolean },
    [campaignId: string, annotatorId: string, maxTarget: number, skipPairIds: string[], limit: number]
  >(
    name,
    `WITH ${LIVE_AND_MINE},
    candidate AS (
      SELECT p.id, row_number() OVER (ORDER BY ${order(fill)}) AS ord
      FROM "Pair" p LEFT JOIN live ON live."pairId" = p.id
      WHERE p."campaignId" = $1 AND NOT p."isGold" AND p.id <> ALL($4::text[])
        AND ${fill} < $3
        AND NOT EXISTS (SELECT 1 FROM mine WHERE mine."pairId" = p.id)
      ORDER BY ${order(fill)}
      LIMIT $5)
    ${LOCK_IN_ORDER}`,
  );
};

/**
 * Breadth-first: least-filled first. A hash of pair and annotator breaks ties, so concurrent
 * annotators spread over equally filled pairs.
 */
export const LOCK_CANDIDATES = lockCandidates("lease_lock_candidates", (fill) => `${fill}, md5(p.id || $2)`);

/**
 * Depth-first: the most-filled pair still short of its target first, so a pair is filled to its
 * target before the next one is opened. Ties go by a hash of the pair alone: every annotator opens
 * the same next pair (a fixed pseudo-random order, so the pairs opened before the budget runs out
 * are a sample across categories, not the prompt set's first rows).
 */
export const LOCK_CANDIDATES_DEPTH_FIRST = lockCandidates(
  "lease_lock_candidates_depth_first",
  (fill) => `${fill} DESC, md5(p.id)`,
);

/**
 * LOCK_CANDIDATES for a campaign that stops when decided or has the adaptive design (same
 * parameters, same rows; the slot rule and the sides stay WRITE_LEASE's):
 * - prompts are served in one random order per campaign (md5 of the prompt's id salted with the
 *   campaign's random id), a prompt's pairs before the next prompt's, least-filled first within
 *   it: prompts complete one after another in a random order, which the anytime-valid sequences
 *   assume (lib/results/sequential-figures.ts) and which lets a comparison be decided early;
 * - while the stopping rule applies (on, not overridden): nothing once the judgment budget is
 *   spent (the kept counter), and no pair of a decided model pair (CampaignComparison.decided);
 * - adaptive: the model pairs with the highest CampaignComparison.priority first (a pair not
 *   scored yet counts 1, pairPriority's maximum), then the random prompt order.
 * Reads the campaign's images to know each pair's models (one pass, as over its pairs).
 */
export const LOCK_CANDIDATES_SEQUENTIAL = statement<
  { id: string; locked: boolean },
  [campaignId: string, annotatorId: string, maxTarget: number, skipPairIds: string[], limit: number]
>(
  "lease_lock_candidates_sequential",
  `WITH ${LIVE_AND_MINE},
    campaign AS MATERIALIZED (
      SELECT c."pairDesign" = 'adaptive' AS adaptive,
        c."stopWhenDecided" AND c."stopOverriddenAt" IS NULL AS stopping,
        coalesce(c."judgmentBudget" <= s.judgments, false) AS spent
      FROM "Campaign" c LEFT JOIN "CampaignJudgmentState" s ON s."campaignId" = c.id
      WHERE c.id = $1),
    comparison AS MATERIALIZED (
      SELECT k."modelAId", k."modelBId", k.decided, k.priority FROM "CampaignComparison" k WHERE k."campaignId" = $1),
    candidate AS (
      SELECT p.id, row_number() OVER (ORDER BY
          CASE WHEN campaign.adaptive THEN coalesce(k.priority, 1) ELSE 0 END DESC, md5(p."promptId" || $1),
          p."completedAssignments" + coalesce(live.n, 0), md5(p.id || $2)) AS ord
      FROM "Pair" p CROSS JOIN campaign
      JOIN "Image" ia ON ia.id = p."imageAId" JOIN "Image" ib ON ib.id = p."imageBId"
      LEFT JOIN comparison k ON k."modelAId" = least(ia."modelId", ib."modelId") AND k."modelBId" = greatest(ia."modelId", ib."modelId")
      LEFT JOIN live ON live."pairId" = p.id
      WHERE p."campaignId" = $1 AND NOT p."isGold" AND p.id <> ALL($4::text[])
        AND p."completedAssignments" + coalesce(live.n, 0) < $3
        AND NOT EXISTS (SELECT 1 FROM mine WHERE mine."pairId" = p.id)
        AND NOT (campaign.stopping AND (campaign.spent OR coalesce(k.decided, false)))
      ORDER BY ord
      LIMIT $5)
    ${LOCK_IN_ORDER}`,
);

/**
 * How far the sides of one model pair may drift apart across the campaign (model A's image left
 * minus model B's, "SideBalance") before it decides the side over the pair's own balance.
 */
export const MAX_MODEL_SKEW = 2;

/**
 * With the candidates locked: the first one with a criterion short of its target (slots counted
 * by `slotsTakenOn`) that this annotator has not answered, the side, and the lease written
 * (renewing their own lapsed lease on that pair, which keeps its sides). No row when every
 * candidate is full. The side: the one shown left less often for this model pair across the
 * campaign once that pair of models is MAX_MODEL_SKEW off; otherwise the one shown left less
 * often on this pair; on a tie there, the one shown left less often for the model pair; on a tie
 * there too, `coinA`. So sides alternate per pair and per model pair across the campaign: a
 * strong model is not shown left more often by chance, which position bias would read as a side
 * effect (docs/STATISTICS.md). The model pair's balance is read without a lock: leases written
 * at the same moment can each see the same balance, so it can drift by the number of concurrent
 * leases, and comes back.
 */
export const WRITE_LEASE = statement<
  LeaseRow,
  [
    lockedPairIds: string[],
    criterionIds: string[],
    targets: number[],
    annotatorId: string,
    assignmentId: string,
    coinA: boolean,
    leaseSeconds: number,
  ]
>(
  "lease_write",
  `WITH locked AS (SELECT id, ord FROM unnest($1::text[]) WITH ORDINALITY AS l(id, ord)),
    target AS (SELECT cid, n, pos FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS t(cid, n, pos)),
    taken AS (${slotsTakenOn("$1::text[]", "$4")}),
    pick AS (
      SELECT l.id, array_agg(t.cid ORDER BY t.pos) AS cids
      FROM locked l CROSS JOIN target t
      WHERE coalesce((SELECT k.n FROM taken k WHERE k."pairId" = l.id AND k."criterionId" = t.cid), 0) < t.n
        AND NOT EXISTS (SELECT 1 FROM "Judgment" j WHERE j."pairId" = l.id AND j."annotatorId" = $4 AND j."criterionId" = t.cid)
      GROUP BY l.id, l.ord ORDER BY l.ord LIMIT 1),
    side AS (
      SELECT pick.id, pick.cids, p."imageAId", p."imageBId", p."promptId",
        (SELECT count(*) FILTER (WHERE x."leftImageId" = p."imageAId") - count(*) FILTER (WHERE x."leftImageId" <> p."imageAId")
           FROM "Assignment" x WHERE x."pairId" = pick.id AND x.status <> 'released') AS skew,
        coalesce((SELECT b.skew FROM "SideBalance" b JOIN "Image" ia ON ia.id = p."imageAId" JOIN "Image" ib ON ib.id = p."imageBId"
           WHERE b."campaignId" = p."campaignId" AND b."modelAId" = ia."modelId" AND b."modelBId" = ib."modelId"), 0) AS "modelSkew"
      FROM pick JOIN "Pair" p ON p.id = pick.id),
    lease AS (
      INSERT INTO "Assignment" (id, "pairId", "annotatorId", "leftImageId", "criterionIds", status, "leaseExpiresAt", "createdAt")
      SELECT $5, side.id, $4,
        CASE WHEN side."modelSkew" <= -${MAX_MODEL_SKEW} THEN side."imageAId" WHEN side."modelSkew" >= ${MAX_MODEL_SKEW} THEN side."imageBId"
             WHEN side.skew < 0 THEN side."imageAId" WHEN side.skew > 0 THEN side."imageBId"
             WHEN side."modelSkew" < 0 THEN side."imageAId" WHEN side."modelSkew" > 0 THEN side."imageBId"
             WHEN $6::boolean THEN side."imageAId" ELSE side."imageBId" END,
        side.cids, 'leased', now() + make_interval(secs => $7), now()
      FROM side
      ON CONFLICT ("pairId", "annotatorId") DO UPDATE
        SET "criterionIds" = EXCLUDED."criterionIds", "leaseExpiresAt" = EXCLUDED."leaseExpiresAt", status = 'leased', "createdAt" = EXCLUDED."createdAt"
      RETURNING id, "pairId", "leftImageId", "criterionIds", "leaseExpiresAt")
    SELECT lease.*, side."imageAId", side."imageBId", pt.text AS prompt
    FROM lease JOIN side ON side.id = lease."pairId" JOIN "Prompt" pt ON pt.id = side."promptId"`,
);

/** A gold pair of the campaign this annotator never had, at random; none when all were seen. */
export const PICK_GOLD_PAIR = statement<
  { id: string; imageAId: string; imageBId: string; prompt: string },
  [campaignId: string, annotatorId: string, skipPairIds: string[]]
>(
  "pick_gold_pair",
  `SELECT p.id, p."imageAId", p."imageBId", pt.text AS prompt FROM "Pair" p JOIN "Prompt" pt ON pt.id = p."promptId"
   WHERE p."campaignId" = $1 AND p."isGold" AND p.id <> ALL($3::text[])
     AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."pairId" = p.id AND mine."annotatorId" = $2)
   ORDER BY random() LIMIT 1`,
);

/**
 * Leases a gold pair, expiry and creation by the database clock as every lease. One statement
 * (an upsert on the unique (pair, annotator) key): the pair was never this annotator's, but a
 * second tab of theirs may have raced to it, in which case that row is renewed and keeps its side.
 */
export const WRITE_GOLD_LEASE = statement<
  { id: string; leftImageId: string; leaseExpiresAt: Date },
  [
    assignmentId: string,
    pairId: string,
    annotatorId: string,
    leftImageId: string,
    criterionIds: string[],
    leaseSeconds: number,
  ]
>(
  "lease_write_gold",
  `INSERT INTO "Assignment" (id, "pairId", "annotatorId", "leftImageId", "criterionIds", status, "leaseExpiresAt", "createdAt")
   VALUES ($1, $2, $3, $4, $5::text[], 'leased', now() + make_interval(secs => $6), now())
   ON CONFLICT ("pairId", "annotatorId") DO UPDATE
     SET "criterionIds" = EXCLUDED."criterionIds", "leaseExpiresAt" = EXCLUDED."leaseExpiresAt", status = 'leased', "createdAt" = EXCLUDED."createdAt"
   RETURNING id, "leftImageId", "leaseExpiresAt"`,
);
