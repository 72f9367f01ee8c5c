import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { displayImageBytes } from "../storage/display-copy";

/**
 * The display copy of the image shown on one side of the annotator's own assignment. Display
 * copies are re-encoded WebP without metadata on the campaign's one canvas, so neither the bytes
 * nor the size tell a model apart.
 */
export async function assignmentImage(annotatorId: string, assignmentId: string, side: string): Promise<Buffer> {
  if (side !== "left" && side !== "right") throw new AppError("NOT_FOUND", "Image not found");
  const assignment = await db.assignment.findFirst({
    where: { id: assignmentId, annotatorId },
    select: { leftImageId: true, pair: { select: { imageAId: true, imageBId: true } } },
  });
  if (!assignment) throw new AppError("NOT_FOUND", "Image not found");
  const { imageAId, imageBId } = assignment.pair;
  const rightImageId = assignment.leftImageId === imageAId ? imageBId : imageAId;
  const image = await db.image.findUniqueOrThrow({
    where: { id: side === "left" ? assignment.leftImageId : rightImageId },
    select: { id: true, campaignId: true, displayKey: true, storageKey: true },
  });
  return displayImageBytes(image);
}
