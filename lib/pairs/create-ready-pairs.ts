import "server-only";
import { execute } from "../db/prepared";
import { PAIR_ALL, PAIR_ONLY } from "./statements";

/**
 * Creates every pair whose two images now exist, for the model pairs the campaign's design
 * names (all pairs, or each model against the baseline). Idempotent and safe to run from many
 * workers at once: the unique (campaign, imageA, imageB) key absorbs repeats.
 * imageA is always the model listed first in the campaign, so pair identity is stable;
 * what the annotator sees left is drawn per assignment.
 */
export async function createReadyPairs(
  campaignId: string,
  only?: { promptId: string; seed: number }[],
): Promise<number> {
  if (!only) return execute(PAIR_ALL, [campaignId]);
  if (only.length === 0) return 0;
  return execute(PAIR_ONLY, [campaignId, only.map((k) => k.promptId), only.map((k) => k.seed)]);
}
