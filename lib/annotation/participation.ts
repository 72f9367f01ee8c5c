import "server-only";
import { db } from "../db";
import { AppError } from "../errors";

/** An annotator works only in campaigns they joined; anything else is a 404. */
export async function requireParticipation(campaignId: string, annotatorId: string) {
  const participation = await db.participation.findUnique({
    where: { campaignId_userId: { campaignId, userId: annotatorId } },
    include: {
      campaign: {
        select: {
          id: true,
          status: true,
          completionCode: true,
          completionUrl: true,
          instructions: true,
          name: true,
          criteriaMode: true,
          perAnnotatorCap: true,
          taskType: true,
        },
      },
    },
  });
  if (!participation) throw new AppError("NOT_FOUND", "Campaign not found");
  return participation;
}
