import "server-only";
import { db } from "../db";

/** Campaign statuses in which generated images are still wanted (annotation may start early). */
const WANTS_IMAGES = new Set(["generating", "annotating"]);

/**
 * Whether a campaign still wants its images: false once it is paused, completed (or gone). Job
 * services ask between polls (GenerationRequest.stillWanted) and cancel their job when not.
 */
export async function campaignWantsImages(campaignId: string): Promise<boolean> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
  return campaign !== null && WANTS_IMAGES.has(campaign.status);
}

/**
 * The check for one campaign, shared by the jobs of a batch: the answer is reused for `maxAgeMs`,
 * so a batch of jobs polling together asks the database once per interval, not once per job.
 */
export function wantedCheck(campaignId: string, maxAgeMs = 1000): () => Promise<boolean> {
  let last: { at: number; answer: Promise<boolean> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > maxAgeMs) {
      const answer = campaignWantsImages(campaignId);
      last = { at: Date.now(), answer };
      // A failed read is not an answer: ask again next time, and keep generating meanwhile.
      answer.catch(() => (last = undefined));
    }
    return last.answer.catch(() => true);
  };
}
