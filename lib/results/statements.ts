import "server-only";
import { statement } from "../db/prepared";

/**
 * Reading results (see lib/db/prepared.ts for how statements are declared and run): keyset pages
 * over primary keys, so no result holds a whole campaign, and the synthetic fill for the report
 * bench. They run on Prisma's pool, away from the voting path's prepared pool.
 */

/** The database's clock now (clock_timestamp: not the transaction's start), for a report's snapshot. */
export const CLOCK_NOW = statement<{ now: Date }, []>("clock_now", `SELECT clock_timestamp() AS now`);

export interface PairRow {
  id: string;
  seed: number;
  isGold: boolean;
  imageAId: string;
  imageBId: string;
  /** Null for an image whose model was deleted. */
  modelAId: string | null;
  modelBId: string | null;
  /** Null unless a gold pair (LEFT JOIN "GoldPair"). */
  degradation: string | null;
  expectedImageId: string | null;
  externalId: string;
  text: string;
  category: string | null;
  challenge: string | null;
}

/** The campaign's pairs with id > `after`, by id, at most `limit`. */
export const PAIR_PAGE = statement<PairRow, [campaignId: string, after: string, limit: number]>(
  "results_pair_page",
  `SELECT p.id, p.seed, p."isGold", p."imageAId", p."imageBId", ia."modelId" AS "modelAId", ib."modelId" AS "modelBId",
          g.degradation, g."expectedImageId", pr."externalId", pr.text, pr.category, pr.challenge
   FROM "Pair" p
   JOIN "Prompt" pr ON pr.id = p."promptId"
   JOIN "Image" ia ON ia.id = p."imageAId"
   JOIN "Image" ib ON ib.id = p."imageBId"
   LEFT JOIN "GoldPair" g ON g."pairId" = p.id
   WHERE p."campaignId" = $1 AND p.id > $2
   ORDER BY p.id LIMIT $3`,
);

/** Everyone who judged in the campaign. */
export const CAMPAIGN_JUDGES = statement<{ annotatorId: string }, [campaignId: string]>(
  "results_campaign_judges",
  `SELECT DISTINCT j."annotatorId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = $1`,
);

export interface RawJudgment {
  id: string;
  pairId: string;
  criterionId: string;
  annotatorId: string;
  choice: string;
  leftImageId: string;
  latencyMs: number | null;
  createdAt: Date;
}

/** The campaign's judgments created up to `snapshotAt` with id > `after`, by id, at most `limit`. */
export const JUDGMENT_PAGE_ROWS = statement<
  RawJudgment,
  [campaignId: string, snapshotAt: Date, after: string, limit: number]
>(
  "results_judgment_page",
  `SELECT j.id, j."pairId", j."criterionId", j."annotatorId", j.choice::text AS choice, j."leftImageId", j."latencyMs", j."createdAt"
   FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
   WHERE p."campaignId" = $1 AND j."createdAt" <= $2 AND j.id > $3
   ORDER BY j.id LIMIT $4`,
);

// The synthetic fill (insertSyntheticJudgments): set-based, generate_series, no round trip per row.

/** `count` annotator accounts `<tag>-1` … `<tag>-<count>`. */
export const SYNTHETIC_ANNOTATORS = statement<never, [tag: string, count: number]>(
  "synthetic_annotators",
  `INSERT INTO "User" (id, email, role, "updatedAt")
   SELECT $1::text || '-' || g, $1::text || '-' || g || '@synthetic.local', 'annotator', now() FROM generate_series(1, $2::int) g
   ON CONFLICT DO NOTHING`,
);

/** Their participations in the campaign (`idPattern`: `<tag>-%`). */
export const SYNTHETIC_PARTICIPATIONS = statement<never, [campaignId: string, idPattern: string]>(
  "synthetic_participations",
  `INSERT INTO "Participation" (id, "campaignId", "userId", "createdAt")
   SELECT 'pa-' || u.id, $1, u.id, now() FROM "User" u WHERE u.id LIKE $2
   ON CONFLICT DO NOTHING`,
);

/** A completed assignment of every regular pair to each of them, sides at random. */
export const SYNTHETIC_ASSIGNMENTS = statement<never, [campaignId: string, idPattern: string]>(
  "synthetic_assignments",
  `INSERT INTO "Assignment" (id, "pairId", "annotatorId", "leftImageId", "criterionIds", status, "leaseExpiresAt", "createdAt", "completedAt")
   SELECT 'as-' || md5(p.id || u.id), p.id, u.id, CASE WHEN random() < 0.5 THEN p."imageAId" ELSE p."imageBId" END,
          (SELECT array_agg(c.id) FROM "Criterion" c WHERE c."campaignId" = $1), 'completed', now(), now(), now()
   FROM "Pair" p CROSS JOIN "User" u
   WHERE p."campaignId" = $1 AND NOT p."isGold" AND u.id LIKE $2
   ON CONFLICT DO NOTHING`,
);

/** Up to `limit` judgments on those assignments, every criterion, leaning towards model A. */
export const SYNTHETIC_JUDGMENTS = statement<never, [campaignId: string, limit: number]>(
  "synthetic_judgments",
  `INSERT INTO "Judgment" (id, "pairId", "criterionId", "annotatorId", "assignmentId", choice, "leftImageId", "latencyMs", "idempotencyKey", "createdAt")
   SELECT 'j-' || md5(a.id || c.id), a."pairId", c.id, a."annotatorId", a.id,
          (CASE WHEN r < (CASE WHEN a."leftImageId" = p."imageAId" THEN 0.55 ELSE 0.30 END) THEN 'left'
                WHEN r < 0.85 THEN 'right'
                WHEN 'tie' = ANY(c.choices) THEN 'tie' ELSE 'both' END)::"Choice",
          a."leftImageId", (800 + r * 4000)::int, 'syn-' || md5(a.id || c.id), now()
   FROM (SELECT *, random() AS r FROM "Assignment") a
   JOIN "Pair" p ON p.id = a."pairId" AND p."campaignId" = $1
   CROSS JOIN "Criterion" c
   WHERE c."campaignId" = $1 AND a.id LIKE 'as-%'
   LIMIT $2
   ON CONFLICT DO NOTHING`,
);
