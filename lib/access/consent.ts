import "server-only";
import { db } from "../db";
import { requireParticipation } from "../annotation/participation";

/** What the consent / instructions screen shows; 404 for a campaign the annotator has not joined. */
export async function consentScreen(campaignId: string, annotatorId: string) {
  const participation = await requireParticipation(campaignId, annotatorId);
  return {
    campaignId: participation.campaign.id,
    campaignName: participation.campaign.name,
    instructions: participation.campaign.instructions,
    consentedAt: participation.consentedAt,
  };
}

/** Records consent once (the first time stays the recorded time). */
export async function recordConsent(campaignId: string, annotatorId: string): Promise<void> {
  const participation = await requireParticipation(campaignId, annotatorId);
  if (participation.consentedAt) return;
  await db.participation.updateMany({
    where: { id: participation.id, consentedAt: null },
    data: { consentedAt: new Date() },
  });
}

/** Whether the annotator may see the voting page of this campaign yet. */
export async function hasConsented(campaignId: string, annotatorId: string): Promise<boolean> {
  const participation = await requireParticipation(campaignId, annotatorId);
  return participation.consentedAt !== null;
}
