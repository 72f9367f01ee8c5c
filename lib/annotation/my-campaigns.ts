import "server-only";
import { db } from "../db";

/** The campaigns an annotator joined, with nothing a model could be recognised by. */
export async function myCampaigns(annotatorId: string) {
  const rows = await db.participation.findMany({
    where: { userId: annotatorId },
    select: { campaign: { select: { id: true, name: true, status: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => r.campaign);
}
