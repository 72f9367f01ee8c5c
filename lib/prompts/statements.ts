import "server-only";
import { statement } from "../db/prepared";

/** Prompt sets' SQL (see lib/db/prepared.ts for how statements are declared and run). */

/**
 * Serialises imports of one set name (`prompt-set:<name>`) until the transaction ends. Selected
 * as a column because Prisma cannot read the void the lock function returns.
 */
export const LOCK_PROMPT_SET_NAME = statement<{ locked: number }, [lockKey: string]>(
  "lock_prompt_set_name",
  `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS l`,
);

/**
 * One batch of a set's prompts, one array per column (seven array parameters instead of 7 × 5,000
 * scalars: planned once, and about ten times faster than createMany, bench/prompt-import.ts).
 */
export const INSERT_PROMPTS = statement<
  never,
  [
    promptSetId: string,
    ids: string[],
    externalIds: string[],
    texts: string[],
    categories: (string | null)[],
    challenges: (string | null)[],
    notes: (string | null)[],
    positions: number[],
  ]
>(
  "insert_prompts",
  `INSERT INTO "Prompt" ("id", "promptSetId", "externalId", "text", "category", "challenge", "note", "position")
   SELECT t.id, $1, t.external_id, t.text, t.category, t.challenge, t.note, t.position
   FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
     AS t(id, external_id, text, category, challenge, note, position)`,
);

/** Distinct categories and challenges per prompt set (sets without prompts are absent). */
export const PROMPT_SET_DIVERSITY = statement<{ promptSetId: string; categories: number; challenges: number }, []>(
  "prompt_set_diversity",
  `SELECT "promptSetId", count(DISTINCT category)::int AS categories, count(DISTINCT challenge)::int AS challenges
   FROM "Prompt" GROUP BY "promptSetId"`,
);
