import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { GOLD_RECORDS } from "./statements";

export interface GoldRecord {
  annotatorId: string;
  judged: number;
  correct: number;
}

/**
 * The criterion gold pairs are scored on: the first one asked without the prompt (an image
 * against a broken copy of itself is clearly less appealing, but may match the text as well),
 * else the first criterion.
 */
export function scoredCriterion<T extends { id: string; showPrompt: boolean; position: number }>(
  criteria: T[],
): T | undefined {
  const ordered = [...criteria].sort((a, b) => a.position - b.position);
  return ordered.find((c) => !c.showPrompt) ?? ordered[0];
}

/**
 * Gold answers per annotator: correct when the intact image was chosen (a tie or the broken
 * copy is a miss). Pass `annotatorId` for one annotator.
 */
export async function goldRecords(campaignId: string, annotatorId?: string): Promise<GoldRecord[]> {
  const criteria = await db.criterion.findMany({
    where: { campaignId },
    select: { id: true, showPrompt: true, position: true },
  });
  const scored = scoredCriterion(criteria);
  if (!scored) return [];
  return run(GOLD_RECORDS, [scored.id, annotatorId ?? null], db);
}
