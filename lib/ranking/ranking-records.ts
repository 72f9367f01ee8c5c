import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { AppError } from "../errors";
import { findOwnedCampaign } from "../campaigns/owned-campaign";
import { annotatorPseudonym } from "../results/pseudonyms";
import type { RankingRecord } from "../stats/ranking/rankings";
import { flaggedAnnotators } from "../rating/rating-records";

/** One stored ranking with what results and exports read: models by name, the annotator by pseudonym. */
export interface StoredRanking extends RankingRecord {
  rankingId: string;
  itemId: string;
  promptExternalId: string;
  annotatorId: string;
  flagged: boolean;
  createdAt: Date;
}

/**
 * A user's ranking campaign (404 for anyone else's, or a campaign of another task type) with its
 * question and every ranking as a RankingRecord (items in display-slot order, each with its model
 * and rank). Complexity: one read of the rankings and one of the campaign's images.
 */
export async function loadRankings(user: CurrentUser, campaignId: string) {
  const campaign = await findOwnedCampaign(user, campaignId);
  if (campaign.taskType !== "ranking") throw new AppError("NOT_FOUND", "Campaign not found");
  const criterion = await db.criterion.findFirst({ where: { campaignId }, orderBy: { position: "asc" } });
  const flagged = await flaggedAnnotators(campaignId);
  const images = await db.image.findMany({
    where: { campaignId },
    select: { id: true, model: { select: { name: true } } },
  });
  const modelOf = new Map(images.map((i) => [i.id, i.model?.name ?? "(imported)"]));
  const rows = await db.ranking.findMany({
    where: { item: { campaignId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      ranks: true,
      annotatorId: true,
      createdAt: true,
      assignment: { select: { slotOrder: true } },
      item: { select: { id: true, prompt: { select: { externalId: true, category: true } } } },
    },
  });
  const rankings: StoredRanking[] = rows.map((r) => ({
    rankingId: r.id,
    itemId: r.item.id,
    // The prompt file's id, as the export names it: analyze on the export clusters the same prompts.
    promptId: r.item.prompt.externalId,
    promptExternalId: r.item.prompt.externalId,
    category: r.item.prompt.category ?? undefined,
    annotatorId: annotatorPseudonym(campaignId, r.annotatorId),
    items: r.assignment.slotOrder.map((imageId, s) => ({ imageId, model: modelOf.get(imageId)!, rank: r.ranks[s] })),
    flagged: flagged.has(r.annotatorId),
    createdAt: r.createdAt,
  }));
  return { campaign, question: criterion?.question ?? "", rankings };
}
