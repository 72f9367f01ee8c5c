import "server-only";
import type { LeasedAssignment } from "./lease-assignments";
import type { LeaseRow } from "./statements";

export type { LeaseRow };

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
