import "server-only";
import type { LeasedAssignment } from "./lease-assignments";

/** An assignment row joined with its pair's images and prompt, as the lease statements return it. */
export interface LeaseRow {
  id: string;
  pairId: string;
  leftImageId: string;
  imageAId: string;
  imageBId: string;
  criterionIds: string[];
  leaseExpiresAt: Date;
  prompt: string;
}

/** The lease as the view needs it: the side shown right is the pair's other image. */
export function toLeasedAssignment(row: LeaseRow, answered: string[] = []): LeasedAssignment {
  return {
    assignmentId: row.id,
    pairId: row.pairId,
    leftImageId: row.leftImageId,
    rightImageId: row.leftImageId === row.imageAId ? row.imageBId : row.imageAId,
    criterionIds: row.criterionIds,
    leaseExpiresAt: row.leaseExpiresAt,
    prompt: row.prompt,
    answered,
  };
}
