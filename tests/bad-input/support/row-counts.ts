import pg from "pg";

/**
 * Row counts of the tables a rejected input could touch, read straight from PostgreSQL, so a case
 * can assert that a refusal wrote nothing (no partial campaign, prompt set, model or vote).
 */
export const WATCHED_TABLES = [
  "User",
  "Participation",
  "JoinLink",
  "PromptSet",
  "Prompt",
  "Model",
  "Campaign",
  "CampaignModel",
  "CampaignPrompt",
  "Criterion",
  "GenerationJob",
  "Image",
  "Pair",
  "Assignment",
  "Judgment",
  "VerificationToken",
] as const;

export type RowCounts = Record<(typeof WATCHED_TABLES)[number], number>;

export async function rowCounts(client: pg.ClientBase): Promise<RowCounts> {
  const sql = WATCHED_TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ");
  const { rows } = await client.query(`SELECT ${sql}`);
  return rows[0] as RowCounts;
}

/** Tables whose count changed between two snapshots (empty when nothing was written). */
export function changed(before: RowCounts, after: RowCounts): Partial<RowCounts> {
  return Object.fromEntries(
    Object.entries(after).filter(([k, v]) => before[k as keyof RowCounts] !== v),
  ) as Partial<RowCounts>;
}
