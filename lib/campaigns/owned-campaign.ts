import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import type { CurrentUser } from "../auth/guard";

/** A campaign the user may manage: any for admins, their own for researchers; else 404. */
export async function findOwnedCampaign(user: CurrentUser, campaignId: string) {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...(user.role === "admin" ? {} : { ownerId: user.id }) },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  return campaign;
}

export async function listOwnedCampaigns(user: CurrentUser) {
  return db.campaign.findMany({
    where: user.role === "admin" ? {} : { ownerId: user.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, status: true, createdAt: true, _count: { select: { pairs: true } } },
  });
}
