import "server-only";
import { run } from "../db/prepared";
import { RECENTLY_FINISHED } from "./statements";
import { createReadyPairs } from "../pairs/create-ready-pairs";
import { advanceWhenReady } from "../campaigns/advance-when-ready";
import { groupBy } from "../group-by";

/**
 * Pairs the (prompt, seed)s a worker just recorded. Runs after the images' transaction commits:
 * of two workers recording the two sides at once, the one committing last sees both images, so
 * no pair is missed (a pairing inside the insert transaction could miss it on both sides).
 */
export async function pairRecorded(recorded: { campaignId: string; promptId: string; seed: number }[]): Promise<void> {
  for (const [campaignId, keys] of groupBy(recorded, (r) => r.campaignId)) await createReadyPairs(campaignId, keys);
}

/**
 * The safety net every worker runs every few seconds: pairs the (prompt, seed)s of jobs that
 * finished in the last `withinSeconds` (a worker killed between its insert and its pairing leaves
 * work here), tops up gold pairs and moves a generating campaign to annotating. Its cost follows
 * what finished recently, not the campaigns' sizes. The window is measured on the database's
 * clock, which every worker host shares.
 */
export async function sweepRecentCampaigns(withinSeconds: number): Promise<void> {
  const keys = await run(RECENTLY_FINISHED, [withinSeconds]);
  await pairRecorded(keys);
  for (const campaignId of new Set(keys.map((k) => k.campaignId))) await advanceWhenReady(campaignId);
}
