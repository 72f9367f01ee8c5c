import "server-only";
import { execute } from "../db/prepared";
import { CREATE_RANKING_ITEMS } from "./statements";

/** Makes the ranking items of every (prompt, seed) whose K images all exist (idempotent); returns how many were new. */
export function createRankingItems(campaignId: string): Promise<number> {
  return execute(CREATE_RANKING_ITEMS, [campaignId]);
}
