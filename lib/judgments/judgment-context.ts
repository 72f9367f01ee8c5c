import "server-only";
import { run, statement } from "../db/prepared";
import { FAST_WINDOW, type QualityInputs } from "./quality-checks";
import { RATE_WINDOW_SECONDS } from "../access/rate-limit";

/**
 * Everything submitJudgment checks before writing, in ONE prepared statement (lib/db/prepared.ts): the annotator's recorded
 * judgments in the rate window, a judgment already stored under this idempotency key, the
 * assignment (only if it is theirs) with its pair, campaign, criteria and answered criteria,
 * and what the quality checks need (QualityInputs: their flag, the campaign's limits, their
 * latest latencies, read only when the campaign has a minimum judgment time).
 */
export interface JudgmentContext extends QualityInputs {
  recent: number;
  replay: {
    id: string;
    annotatorId: string;
    assignmentId: string;
    criterionId: string;
    choice: string;
    completed: boolean;
  } | null;
  assignmentId: string | null;
  pairId: string;
  leftImageId: string;
  criterionIds: string[];
  /** Status "leased" and not expired (by the database clock). */
  live: boolean;
  campaignId: string;
  isGold: boolean;
  campaignStatus: string;
  leaseSeconds: number;
  criteria: { id: string; key: string; choices: string[]; judgmentsPerPair: number }[];
  answered: string[];
}

const JUDGMENT_CONTEXT = statement(
  "judgment_context",
  `SELECT
      (SELECT count(*) FROM "Judgment" r
        WHERE r."annotatorId" = $1 AND r."createdAt" > now() - make_interval(secs => $2))::int AS recent,
      (SELECT json_build_object('id', j.id, 'annotatorId', j."annotatorId", 'assignmentId', j."assignmentId",
                 'criterionId', j."criterionId", 'choice', j.choice, 'completed', ja.status = 'completed')
         FROM "Judgment" j JOIN "Assignment" ja ON ja.id = j."assignmentId" WHERE j."idempotencyKey" = $3) AS replay,
      a.id AS "assignmentId", a."pairId", a."leftImageId", a."criterionIds",
      coalesce(a.status = 'leased' AND a."leaseExpiresAt" > now(), false) AS live,
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

export async function loadJudgmentContext(
  annotatorId: string,
  assignmentId: string,
  idempotencyKey: string,
): Promise<JudgmentContext> {
  const [row] = await run<JudgmentContext>(JUDGMENT_CONTEXT, [
    annotatorId,
    RATE_WINDOW_SECONDS,
    idempotencyKey,
    FAST_WINDOW,
    assignmentId,
  ]);
  return row;
}
