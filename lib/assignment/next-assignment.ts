import "server-only";
import { randomInt } from "node:crypto";
import { db, Prisma } from "../db";
import { AppError } from "../errors";

export interface LeasedAssignment {
  assignmentId: string;
  pairId: string;
  leftImageId: string;
  rightImageId: string;
  criterionIds: string[];
  leaseExpiresAt: Date;
}

// How many least-filled candidates to try to lock before giving up on this round.
const CANDIDATES = 16;

/**
 * The next pair this annotator should judge in this campaign, leased to them.
 *
 * Rules: never a pair they already judged or hold; never beyond a criterion's target (a pair's
 * occupancy per criterion = completed assignments + unexpired leases that include it); least
 * occupied first so the campaign fills evenly; left/right drawn per assignment. A candidate
 * pair row is locked (FOR UPDATE SKIP LOCKED) while its occupancy is recounted and the lease
 * written, so concurrent annotators never overfill a pair.
 * Resumes the annotator's open lease first (a reload shows the same pair).
 */
export async function nextAssignment(campaignId: string, annotatorId: string): Promise<LeasedAssignment | null> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, leaseSeconds: true, perAnnotatorCap: true, criteria: { select: { id: true, judgmentsPerPair: true } } },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
  if (campaign.status !== "annotating") return null;

  const open = await db.assignment.findFirst({
    where: { annotatorId, status: "leased", leaseExpiresAt: { gt: new Date() }, pair: { campaignId } },
    include: { pair: true },
    orderBy: { createdAt: "asc" },
  });
  if (open) return toLeased(open, open.pair);

  if (campaign.perAnnotatorCap) {
    const done = await db.assignment.count({ where: { annotatorId, status: "completed", pair: { campaignId } } });
    if (done >= campaign.perAnnotatorCap) return null;
  }

  const targets = new Map(campaign.criteria.map((c) => [c.id, c.judgmentsPerPair]));
  const maxTarget = Math.max(0, ...targets.values());

  for (let round = 0; round < 3; round++) {
    const candidates = await db.$queryRaw<{ id: string }[]>`
      SELECT p.id
      FROM "Pair" p
      LEFT JOIN "Assignment" a ON a."pairId" = p.id
        AND (a.status = 'completed' OR (a.status = 'leased' AND a."leaseExpiresAt" > now()))
      WHERE p."campaignId" = ${campaignId}
        AND NOT EXISTS (
          SELECT 1 FROM "Assignment" mine
          WHERE mine."pairId" = p.id AND mine."annotatorId" = ${annotatorId}
            AND (mine.status = 'completed' OR mine."leaseExpiresAt" > now()))
      GROUP BY p.id
      HAVING count(a.id) < ${maxTarget}
      ORDER BY count(a.id), md5(p.id || ${annotatorId})
      LIMIT ${CANDIDATES}`;
    if (candidates.length === 0) return null;

    const leased = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string; imageAId: string; imageBId: string }[]>`
        SELECT id, "imageAId", "imageBId" FROM "Pair"
        WHERE id IN (${Prisma.join(candidates.map((c) => c.id))})
        FOR UPDATE SKIP LOCKED`;
      for (const pair of sortLike(locked, candidates)) {
        const occupancy = await tx.$queryRaw<{ criterionId: string; n: bigint }[]>`
          SELECT c AS "criterionId", count(*) AS n
          FROM "Assignment" a, unnest(a."criterionIds") AS c
          WHERE a."pairId" = ${pair.id} AND a."annotatorId" <> ${annotatorId}
            AND (a.status = 'completed' OR (a.status = 'leased' AND a."leaseExpiresAt" > now()))
          GROUP BY c`;
        const used = new Map(occupancy.map((o) => [o.criterionId, Number(o.n)]));
        const criterionIds = [...targets].filter(([id, target]) => (used.get(id) ?? 0) < target).map(([id]) => id);
        if (criterionIds.length === 0) continue;
        const leftImageId = randomInt(2) === 0 ? pair.imageAId : pair.imageBId;
        const leaseExpiresAt = new Date(Date.now() + campaign.leaseSeconds * 1000);
        // An annotator's own expired lease on this pair is renewed rather than duplicated.
        const assignment = await tx.assignment.upsert({
          where: { pairId_annotatorId: { pairId: pair.id, annotatorId } },
          create: { pairId: pair.id, annotatorId, leftImageId, criterionIds, leaseExpiresAt },
          update: { leftImageId, criterionIds, leaseExpiresAt, status: "leased", createdAt: new Date() },
        });
        return toLeased(assignment, pair);
      }
      return null;
    });
    if (leased) return leased;
  }
  return null;
}

function sortLike<T extends { id: string }>(rows: T[], order: { id: string }[]): T[] {
  const rank = new Map(order.map((o, i) => [o.id, i]));
  return [...rows].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
}

function toLeased(
  a: { id: string; pairId: string; leftImageId: string; criterionIds: string[]; leaseExpiresAt: Date },
  pair: { imageAId: string; imageBId: string },
): LeasedAssignment {
  return {
    assignmentId: a.id,
    pairId: a.pairId,
    leftImageId: a.leftImageId,
    rightImageId: a.leftImageId === pair.imageAId ? pair.imageBId : pair.imageAId,
    criterionIds: a.criterionIds,
    leaseExpiresAt: a.leaseExpiresAt,
  };
}
