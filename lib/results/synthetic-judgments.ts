import "server-only";
import { db } from "../db";
import { execute } from "../db/prepared";
import {
  SYNTHETIC_ANNOTATORS,
  SYNTHETIC_ASSIGNMENTS,
  SYNTHETIC_JUDGMENTS,
  SYNTHETIC_PARTICIPATIONS,
} from "./statements";

/**
 * Fills a campaign's regular pairs with synthetic judgments in a few SQL statements
 * (generate_series, no round trip per row): `annotators` new annotator accounts, each judging
 * every pair on every criterion until `limit` judgments exist. For the report bench (1,000,000
 * judgments) and the streaming test; choices lean towards model A so results are not flat.
 */
export async function insertSyntheticJudgments(campaignId: string, annotators: number, limit: number): Promise<number> {
  const tag = `syn-${campaignId}`;
  await execute(SYNTHETIC_ANNOTATORS, [tag, annotators], db);
  await execute(SYNTHETIC_PARTICIPATIONS, [campaignId, `${tag}-%`], db);
  await execute(SYNTHETIC_ASSIGNMENTS, [campaignId, `${tag}-%`], db);
  return execute(SYNTHETIC_JUDGMENTS, [campaignId, limit], db);
}
