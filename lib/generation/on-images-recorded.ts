import { createReadyPairs } from "../pairs/create-ready-pairs";
import { advanceWhenReady } from "../campaigns/advance-when-ready";

/** After new images: every (prompt, seed) with both images becomes a votable pair. */
export async function onImagesRecorded(campaignId: string): Promise<void> {
  await createReadyPairs(campaignId);
  await advanceWhenReady(campaignId);
}
