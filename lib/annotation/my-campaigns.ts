import "server-only";
import { db } from "../db";

/**
 * The campaigns an annotator joined. No names: a researcher may name a campaign after its models
 * ("SDXL vs Emu"), and annotators must not learn which models they compare.
 */
export async function myCampaigns(annotatorId: string) {
  const rows = await db.participation.findMany({
    where: { userId: annotatorId },
    select: { campaign: { select: { id: true, status: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => r.campaign);
}
