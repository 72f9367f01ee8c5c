import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { displayImageBytes } from "../storage/display-copy";

/**
 * The display copy of the image of the annotator's own curation assignment (metadata-free WebP on
 * the campaign's one canvas, as for ratings: neither the bytes nor the size tell a source apart).
 */
export async function curationAssignmentImage(annotatorId: string, assignmentId: string): Promise<Buffer> {
  const assignment = await db.curationAssignment.findFirst({
    where: { id: assignmentId, annotatorId },
    select: {
      item: { select: { image: { select: { id: true, campaignId: true, displayKey: true, storageKey: true } } } },
    },
  });
  if (!assignment) throw new AppError("NOT_FOUND", "Image not found");
  return displayImageBytes(assignment.item.image);
}
