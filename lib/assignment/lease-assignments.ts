import "server-only";
import { randomInt } from "node:crypto";
import { db, Prisma } from "../db";
import { VOTING_TX } from "./transaction-options";
import { AppError } from "../errors";
import { slotsTaken } from "./occupancy";

export interface LeasedAssignment {
  assignmentId: string;
  pairId: string;
  leftImageId: string;
  rightImageId: string;
  /** The criteria this annotator answers on this pair (in campaign order). */
  criterionIds: string[];
  leaseExpiresAt: Date;
}

/** Why an annotator gets no (further) pair. */
export type StopReason = "closed" | "flagged" | "cap" | "exhausted";

export interface LeaseResult {
  /** Open leases, oldest first: [0] is shown now, the rest are prefetched. */
  leases: LeasedAssignment[];
  /** Set when no new pair can be leased (open leases may still be listed). */
  stop: StopReason | null;
  /** Completed assignments of this annotator in this campaign. */
  done: number;
}

// How many least-filled candidates to try to lock per round, and rounds before giving up.
const CANDIDATES = 16;
const ROUNDS = 6;

type CampaignRow = {
  status: string;
  leaseSeconds: number;
  perAnnotatorCap: number | null;
  goldRate: number;
  criteria: { id: string; judgmentsPerPair: number }[];
};

/**
 * Makes sure this annotator holds up to `want` live leases in this campaign (the pair shown now
 * plus prefetched ones) and returns them oldest first.
 *
 * Rules: never a pair they judged or hold; never beyond a criterion's target (see slotsTaken);
 * least-occupied first so the campaign fills evenly; gold pairs mixed in at the campaign's rate;
 * left/right balanced per pair (the side shown left less often so far, ties drawn at random);
 * flagged annotators and those at the per-annotator cap get nothing new. Candidate pair rows are
 * locked (FOR UPDATE SKIP LOCKED) while slots are recounted and the lease is written, so
 * concurrent annotators never overfill a pair. A reload resumes the open leases.
 */
export async function leaseAssignments(campaignId: string, annotatorId: string, want = 1): Promise<LeaseResult> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      status: true,
      leaseSeconds: true,
      perAnnotatorCap: true,
      goldRate: true,
      criteria: { select: { id: true, judgmentsPerPair: true }, orderBy: { position: "asc" } },
      participations: { where: { userId: annotatorId }, select: { flaggedAt: true } },
    },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");

  const [open, done] = await Promise.all([
    db.assignment.findMany({
      where: { annotatorId, status: "leased", leaseExpiresAt: { gt: new Date() }, pair: { campaignId } },
      include: { pair: { select: { imageAId: true, imageBId: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.assignment.count({ where: { annotatorId, status: "completed", pair: { campaignId } } }),
  ]);
  const leases = open.map((a) => toLeased(a, a.pair));
  const result = (stop: StopReason | null): LeaseResult => ({ leases, stop, done });

  if (campaign.status !== "annotating") return result("closed");
  if (campaign.participations[0]?.flaggedAt) return { leases: [], stop: "flagged", done };
  while (leases.length < want) {
    if (campaign.perAnnotatorCap !== null && done + leases.length >= campaign.perAnnotatorCap) return result("cap");
    const exclude = leases.map((l) => l.pairId);
    const next = (await maybeLeaseGold(campaign, campaignId, annotatorId, exclude)) ?? (await leaseRegular(campaign, campaignId, annotatorId, exclude));
    if (!next) return result("exhausted");
    leases.push(next);
  }
  return result(null);
}

/** The pair to show now, leased to this annotator; null when there is none. */
export async function nextAssignment(campaignId: string, annotatorId: string): Promise<LeasedAssignment | null> {
  return (await leaseAssignments(campaignId, annotatorId, 1)).leases[0] ?? null;
}

async function leaseRegular(campaign: CampaignRow, campaignId: string, annotatorId: string, holding: string[]): Promise<LeasedAssignment | null> {
  const targets = new Map(campaign.criteria.map((c) => [c.id, c.judgmentsPerPair]));
  const maxTarget = Math.max(0, ...targets.values());
  const full = new Set<string>(holding);
  for (let round = 0; round < ROUNDS; round++) {
    // Occupancy here (completed + live assignments) is a cheap pre-filter; the locked recount decides.
    const skip = full.size > 0 ? Prisma.sql`AND p.id NOT IN (${Prisma.join([...full])})` : Prisma.empty;
    const candidates = await db.$queryRaw<{ id: string }[]>`
      SELECT p.id
      FROM "Pair" p
      LEFT JOIN "Assignment" a ON a."pairId" = p.id
        AND (a.status = 'completed' OR (a.status = 'leased' AND a."leaseExpiresAt" > now()))
      WHERE p."campaignId" = ${campaignId} AND NOT p."isGold" ${skip}
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
        const taken = await slotsTaken(tx, pair.id, annotatorId);
        const mine = await tx.judgment.findMany({ where: { pairId: pair.id, annotatorId }, select: { criterionId: true } });
        const answered = new Set(mine.map((j) => j.criterionId));
        const criterionIds = [...targets].filter(([id, target]) => !answered.has(id) && (taken.get(id) ?? 0) < target).map(([id]) => id);
        if (criterionIds.length === 0) {
          full.add(pair.id);
          continue;
        }
        return writeLease(tx, pair, annotatorId, criterionIds, campaign.leaseSeconds, await balancedLeft(tx, pair));
      }
      return null;
    }, VOTING_TX);
    if (leased) return leased;
    for (const c of candidates) full.add(c.id);
  }
  return null;
}

/** At the campaign's rate, a gold pair this annotator has not seen; all criteria are asked, as on any fresh pair. */
async function maybeLeaseGold(campaign: CampaignRow, campaignId: string, annotatorId: string, holding: string[]): Promise<LeasedAssignment | null> {
  if (campaign.goldRate <= 0 || Math.random() >= campaign.goldRate) return null;
  const skip = holding.length > 0 ? Prisma.sql`AND p.id NOT IN (${Prisma.join(holding)})` : Prisma.empty;
  const [gold] = await db.$queryRaw<{ id: string; imageAId: string; imageBId: string }[]>`
    SELECT p.id, p."imageAId", p."imageBId" FROM "Pair" p
    WHERE p."campaignId" = ${campaignId} AND p."isGold" ${skip}
      AND NOT EXISTS (SELECT 1 FROM "Assignment" mine WHERE mine."pairId" = p.id AND mine."annotatorId" = ${annotatorId})
    ORDER BY random() LIMIT 1`;
  if (!gold) return null;
  const left = randomInt(2) === 0 ? gold.imageAId : gold.imageBId;
  return db.$transaction((tx) => writeLease(tx, gold, annotatorId, campaign.criteria.map((c) => c.id), campaign.leaseSeconds, left), VOTING_TX);
}

/** The image shown left less often on this pair so far; a coin flip on a tie. */
async function balancedLeft(tx: Prisma.TransactionClient, pair: { id: string; imageAId: string; imageBId: string }): Promise<string> {
  const [row] = await tx.$queryRaw<{ a: bigint; b: bigint }[]>`
    SELECT count(*) FILTER (WHERE "leftImageId" = ${pair.imageAId}) AS a, count(*) FILTER (WHERE "leftImageId" <> ${pair.imageAId}) AS b
    FROM "Assignment" WHERE "pairId" = ${pair.id} AND status <> 'released'`;
  const a = Number(row?.a ?? 0), b = Number(row?.b ?? 0);
  if (a !== b) return a < b ? pair.imageAId : pair.imageBId;
  return randomInt(2) === 0 ? pair.imageAId : pair.imageBId;
}

async function writeLease(
  tx: Prisma.TransactionClient,
  pair: { id: string; imageAId: string; imageBId: string },
  annotatorId: string,
  criterionIds: string[],
  leaseSeconds: number,
  leftImageId: string,
): Promise<LeasedAssignment> {
  const leaseExpiresAt = new Date(Date.now() + leaseSeconds * 1000);
  // An annotator's own lapsed lease on this pair is renewed (keeping its sides, which earlier
  // answers on it refer to) rather than duplicated.
  const assignment = await tx.assignment.upsert({
    where: { pairId_annotatorId: { pairId: pair.id, annotatorId } },
    create: { pairId: pair.id, annotatorId, leftImageId, criterionIds, leaseExpiresAt },
    update: { criterionIds, leaseExpiresAt, status: "leased", createdAt: new Date() },
  });
  return toLeased(assignment, pair);
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
