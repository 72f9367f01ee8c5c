import "server-only";
import { statement } from "../db/prepared";

/** Campaigns' SQL (see lib/db/prepared.ts for how statements are declared and run). */

/** The campaign's status, its row locked until the transaction ends (Prisma cannot lock rows). No row when absent. */
export const LOCK_CAMPAIGN = statement<{ status: string }, [campaignId: string]>(
  "lock_campaign",
  `SELECT status::text AS status FROM "Campaign" WHERE id = $1 FOR UPDATE`,
);

/** Per criterion: judgments on regular pairs, and pairs at the criterion's target. */
export const CRITERION_PROGRESS = statement<
  { criterionId: string; judgments: number; complete: number },
  [campaignId: string]
>(
  "campaign_criterion_progress",
  `SELECT c.id AS "criterionId", coalesce(sum(j.n), 0)::int AS judgments,
          count(j.n) FILTER (WHERE j.n >= c."judgmentsPerPair")::int AS complete
   FROM "Criterion" c
   LEFT JOIN (SELECT j."criterionId", j."pairId", count(*) AS n FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
              WHERE p."campaignId" = $1 AND NOT p."isGold" GROUP BY 1, 2) j ON j."criterionId" = c.id
   WHERE c."campaignId" = $1
   GROUP BY c.id`,
);

/** Judgments per hour ago (0 = the last hour) over the last 12 hours, by the database clock; empty hours absent. */
export const HOURLY_JUDGMENTS = statement<{ hoursAgo: number; judgments: number }, [campaignId: string]>(
  "campaign_hourly_judgments",
  `SELECT floor(extract(epoch FROM now() - j."createdAt") / 3600)::int AS "hoursAgo", count(*)::int AS judgments
   FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
   WHERE p."campaignId" = $1 AND j."createdAt" > now() - interval '12 hours'
   GROUP BY 1`,
);

/** The 100 busiest annotators: judgments, median time (null without a recorded time), flag reason. */
export const ANNOTATOR_ACTIVITY = statement<
  { annotatorId: string; label: string | null; judgments: number; medianMs: number | null; flagged: string | null },
  [campaignId: string]
>(
  "campaign_annotator_activity",
  `SELECT j."annotatorId", coalesce(u.name, u.email) AS label, count(*)::int AS judgments,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY j."latencyMs") AS "medianMs",
          max(pa."flagReason") AS flagged
   FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" JOIN "User" u ON u.id = j."annotatorId"
   LEFT JOIN "Participation" pa ON pa."campaignId" = p."campaignId" AND pa."userId" = j."annotatorId"
   WHERE p."campaignId" = $1
   GROUP BY 1, 2 ORDER BY judgments DESC LIMIT 100`,
);
