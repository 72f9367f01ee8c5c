import { createReadyPairs } from "../pairs/create-ready-pairs";

/** After new images: every (prompt, seed) with both images becomes a votable pair. */
export async function onImagesRecorded(campaignId: string): Promise<void> {
  await createReadyPairs(campaignId);
}
