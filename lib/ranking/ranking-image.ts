import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { displayImageBytes } from "../storage/display-copy";

/**
 * The display copy of the image in one slot (1-based) of the annotator's own ranking assignment
 * (metadata-free WebP on the campaign's one canvas: neither the bytes nor the size tell a model apart).
 */
export async function rankingAssignmentImage(annotatorId: string, assignmentId: string, slot: string): Promise<Buffer> {
  const assignment = await db.rankingAssignment.findFirst({
    where: { id: assignmentId, annotatorId },
    select: { slotOrder: true },
  });
  const index = /^[1-6]$/.test(slot) ? Number(slot) - 1 : -1;
  const imageId = assignment?.slotOrder[index];
  if (!imageId) throw new AppError("NOT_FOUND", "Image not found");
  const image = await db.image.findUniqueOrThrow({
    where: { id: imageId },
    select: { id: true, campaignId: true, displayKey: true, storageKey: true },
  });
  return displayImageBytes(image);
}
