import "server-only";
import { db, type Prisma } from "../db";
import { AppError } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { pairCounts } from "./counts";

/**
 * The campaigns a user may manage, as a Prisma `where`: any for admins, their own for everyone
 * else. Every use case that reads a researcher's campaign puts this in its query (nested as
 * `campaign: ownedBy(user)` under a campaign's rows), so authorization does not depend on the caller.
 */
export function ownedBy(user: CurrentUser): Prisma.CampaignWhereInput {
  return user.role === "admin" ? {} : { ownerId: user.id };
}

/** Someone else's campaign looks like no campaign: 404, never 403. */
export function campaignNotFound(): AppError {
  return new AppError("NOT_FOUND", "Campaign not found");
}

/** A campaign the user may manage (a page's header); else 404. */
export async function findOwnedCampaign(user: CurrentUser, campaignId: string) {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, ...ownedBy(user) } });
  if (!campaign) throw campaignNotFound();
  return campaign;
}

/** The user's campaigns, newest first, each with its pairs counted as every page counts them (counts.ts). */
export async function listOwnedCampaigns(user: CurrentUser) {
  const campaigns = await db.campaign.findMany({
    where: ownedBy(user),
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, createdAt: true },
  });
  const pairs = await pairCounts(campaigns.map((c) => c.id));
  return campaigns.map((c) => ({ ...c, pairs: pairs.get(c.id)! }));
}
