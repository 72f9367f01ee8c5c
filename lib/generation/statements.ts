import "server-only";
import { statement } from "../db/prepared";

/** The job path's SQL (see lib/db/prepared.ts for how statements are declared and run). */

/**
 * Inserts the planned jobs that do not exist yet, and returns them with the ones that exist but
 * were never queued (pending, no attempt: an enqueue that stopped half-way). A job pg-boss is
 * retrying is pending with attempts > 0 and must not get a second queue entry.
 */
export const PLAN_JOBS = statement<
  { id: string; attempts: number; modelId: string },
  [campaignId: string, jobIds: string[], modelIds: string[], promptIds: string[], seeds: number[]]
>(
  "plan_generation_jobs",
  `WITH planned AS (
     SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS r(id, "modelId", "promptId", seed)
   ), inserted AS (
     INSERT INTO "GenerationJob" (id, "campaignId", "modelId", "promptId", seed)
     SELECT id, $1, "modelId", "promptId", seed FROM planned
     ON CONFLICT DO NOTHING
     RETURNING id, attempts, "modelId"
   )
   SELECT id, attempts, "modelId" FROM inserted
   UNION ALL
   SELECT j.id, j.attempts, j."modelId" FROM planned p
   JOIN "GenerationJob" j ON j."campaignId" = $1 AND j."modelId" = p."modelId" AND j."promptId" = p."promptId" AND j.seed = p.seed
   WHERE j.status = 'pending' AND j.attempts = 0`,
);

export interface ClaimedJob {
  id: string;
  campaignId: string;
  modelId: string;
  promptId: string;
  seed: number;
  promptText: string;
  promptExternalId: string;
}

/**
 * Marks the batch's jobs running (attempts + 1) and returns what running them needs. Jobs
 * already done (a re-delivery after a worker died between recording and acknowledging) and jobs
 * of draft campaigns are not returned, so they are skipped.
 */
export const CLAIM_JOBS = statement<ClaimedJob, [jobIds: string[], workerId: string]>(
  "generation_claim_jobs",
  `UPDATE "GenerationJob" j
   SET status = 'running', attempts = j.attempts + 1, "workerId" = $2, "startedAt" = now()
   FROM "Campaign" c, "Prompt" p
   WHERE j.id = ANY($1::text[]) AND c.id = j."campaignId" AND p.id = j."promptId"
     AND j.status <> 'done' AND c.status <> 'draft'
   RETURNING j.id, j."campaignId", j."modelId", j."promptId", j.seed, p.text AS "promptText", p."externalId" AS "promptExternalId"`,
);

/**
 * Images and their rows, then their jobs marked done, in one statement (one round trip, one
 * commit). Column arrays, one element per image; `doneJobIds` the jobs to mark done.
 */
export const RECORD_IMAGES = statement<
  never,
  [
    ids: string[],
    campaignIds: string[],
    modelIds: string[],
    promptIds: string[],
    seeds: number[],
    jobIds: (string | null)[],
    storageKeys: string[],
    displayKeys: (string | null)[],
    sha256s: string[],
    widths: number[],
    heights: number[],
    latenciesMs: (number | null)[],
    queueMs: (number | null)[],
    generationMs: (number | null)[],
    metadataJson: string[],
    doneJobIds: string[],
  ]
>(
  "record_images",
  `WITH inserted AS (
     INSERT INTO "Image" (id, "campaignId", "modelId", "promptId", seed, "jobId", "storageKey", "displayKey", sha256, width, height,
       "latencyMs", "queueMs", "generationMs", metadata)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::int[], $11::int[], $12::int[], $13::int[], $14::int[], $15::jsonb[])
     ON CONFLICT DO NOTHING
     RETURNING 1
   )
   UPDATE "GenerationJob" SET status = 'done', "finishedAt" = now(), "lastError" = NULL
   WHERE id = ANY($16::text[])`,
);

/**
 * The (campaign, prompt, seed)s of jobs done in the last `withinSeconds` by the database clock,
 * of campaigns still pairing. Sessions run in UTC (lib/db.ts), as finishedAt is stored, so
 * localtimestamp is its equal.
 */
export const RECENTLY_FINISHED = statement<
  { campaignId: string; promptId: string; seed: number },
  [withinSeconds: number]
>(
  "recently_finished_keys",
  `SELECT DISTINCT j."campaignId", j."promptId", j.seed
   FROM "GenerationJob" j JOIN "Campaign" c ON c.id = j."campaignId"
   WHERE j."finishedAt" >= localtimestamp - make_interval(secs => $1) AND j.status = 'done'
     AND c.status IN ('generating', 'annotating')`,
);

/**
 * Per model, the seconds during which at least one of its jobs in the campaign was running: the
 * union of the jobs' [startedAt, finishedAt] (a running job: until now), so a pause between bursts
 * or a wait for a worker is not counted and parallel jobs are not counted twice. A job retried
 * keeps only its last attempt's start. By the database clock that stamped them (sessions in UTC).
 * Models without a started job are absent.
 */
export const ACTIVE_SECONDS_PER_MODEL = statement<{ modelId: string; seconds: number }, [campaignId: string]>(
  "generation_active_seconds_per_model",
  `SELECT "modelId", coalesce(sum(extract(epoch FROM upper(r) - lower(r))), 0)::float8 AS seconds
   FROM (SELECT "modelId",
                unnest(range_agg(tsrange("startedAt",
                  greatest("startedAt", CASE WHEN status = 'running' THEN localtimestamp ELSE "finishedAt" END)))) AS r
         FROM "GenerationJob"
         WHERE "campaignId" = $1 AND "startedAt" IS NOT NULL AND (status = 'running' OR "finishedAt" IS NOT NULL)
         GROUP BY "modelId") active
   GROUP BY "modelId"`,
);
