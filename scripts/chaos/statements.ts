import { statement } from "../../lib/db/prepared";

/** The chaos run's end-of-run invariants (see lib/db/prepared.ts for how statements are declared and run). */

/** (pair, annotator, criterion) cells judged more than once in the campaign. */
export const DUPLICATE_JUDGMENTS = statement<{ duplicates: number }, [campaignId: string]>(
  "chaos_duplicate_judgments",
  `SELECT count(*)::int AS duplicates FROM (SELECT 1 FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
   WHERE p."campaignId" = $1 GROUP BY j."pairId", j."annotatorId", j."criterionId" HAVING count(*) > 1) d`,
);

/** Regular pairs × criteria: how many cells are short of, or over, the criterion's target. */
export const TARGET_CELLS = statement<
  { pairs: number; short: number; over: number; cells: number },
  [campaignId: string]
>(
  "chaos_target_cells",
  `SELECT count(DISTINCT p.id)::int AS pairs,
          count(*) FILTER (WHERE coalesce(j.n, 0) < c."judgmentsPerPair")::int AS short,
          count(*) FILTER (WHERE coalesce(j.n, 0) > c."judgmentsPerPair")::int AS over,
          count(*)::int AS cells
   FROM "Pair" p JOIN "Criterion" c ON c."campaignId" = p."campaignId"
   LEFT JOIN (SELECT "pairId", "criterionId", count(*) AS n FROM "Judgment" GROUP BY 1, 2) j ON j."pairId" = p.id AND j."criterionId" = c.id
   WHERE p."campaignId" = $1 AND NOT p."isGold"`,
);
