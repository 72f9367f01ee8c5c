import "server-only";
import { db, type CampaignStatus } from "../db";
import { createGoldPairs } from "../gold/create-gold-pairs";
import { createRankingItems } from "../ranking/create-ranking-items";
import { createCurationItems } from "../curation/create-curation-campaign";

/**
 * For the generation worker, after createReadyPairs: tops up gold pairs and moves a generating
 * campaign to annotating once it has a votable pair (a rating campaign: a generated image; a ranking campaign: a prompt with all K images, made into ranking items here). Idempotent, cheap when nothing changes, safe
 * from many workers at once (a conditional update). A paused campaign stays paused.
 */
export async function advanceWhenReady(campaignId: string): Promise<CampaignStatus | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, taskType: true },
  });
  if (!campaign) return null;
  if (campaign.status !== "generating" && campaign.status !== "annotating") return campaign.status;
  if (campaign.taskType === "pairwise") {
    const pairs = await db.pair.count({ where: { campaignId, isGold: false } });
    if (pairs === 0) return campaign.status;
    await createGoldPairs(campaignId);
  } else if (campaign.taskType === "ranking") {
    // A ranking campaign's items are the (prompt, seed)s whose K images all exist.
    await createRankingItems(campaignId);
    if ((await db.rankingItem.count({ where: { campaignId }, take: 1 })) === 0) return campaign.status;
  } else if (campaign.taskType === "curation") {
    // A curation campaign's stage-1 items are its generated images (a folder's are made at creation).
    await createCurationItems(campaignId);
    if ((await db.curationItem.count({ where: { campaignId }, take: 1 })) === 0) return campaign.status;
  } else {
    // A rating campaign's items are its generated images: votable from the first one.
    const images = await db.image.count({ where: { campaignId, kind: "generated" }, take: 1 });
    if (images === 0) return campaign.status;
  }
  if (campaign.status === "generating") {
    await db.campaign.updateMany({ where: { id: campaignId, status: "generating" }, data: { status: "annotating" } });
  }
  return (await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } })).status;
}
