import "server-only";
import { z } from "zod";
import { db, Prisma } from "../db";
import { execute, run } from "../db/prepared";
import { AppError, parseOrThrow } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { addressHash } from "./address-hash";
import { crowdIdentity, crowdParamsSchema, MTURK_PREVIEW, type CrowdIdentity } from "./crowd-params";
import { resolveJoinLink } from "./join-links";
import { LOCK_CROWD_IDENTITY, LOCK_JOIN_LINK, SHARE_JOIN_LINK } from "./statements";

export interface JoinResult {
  userId: string;
  campaignId: string;
  resumed: boolean;
  consented: boolean;
}

const joinInputSchema = z.object({
  token: z.string().min(1, "missing").max(512, "too long"),
  crowd: crowdParamsSchema,
});

/**
 * Enters an annotator into a campaign through a join link: creates or resumes their identity
 * (a passwordless User with role annotator) and their Participation with the crowd parameters.
 *
 * - The same crowd id (Prolific PROLIFIC_PID or MTurk workerId) always resumes the same identity,
 *   on any device and in any campaign.
 * - Without a crowd id, an annotator already signed in on this browser is resumed; otherwise a
 *   fresh identity is made.
 * - The link must be valid, unrevoked, unexpired and under its cap; a returning annotator is
 *   never refused for the cap. The link row is locked while the cap is checked, and concurrent
 *   joins with one crowd id are serialised by an advisory lock, so neither is overshot.
 * - `address` (the client's network address) is stored only as addressHash (lib/access/address-hash.ts).
 */
export async function joinCampaign(
  input: { token: string; crowd: Record<string, string> },
  signedIn: CurrentUser | null,
  address: string | null = null,
): Promise<JoinResult> {
  const { token, crowd: params } = parseOrThrow(joinInputSchema, input, "join link parameters");
  if (params.assignmentId === MTURK_PREVIEW) {
    throw new AppError("CONFLICT", "This is a preview of the HIT: accept it on MTurk to start.", [
      { field: "assignmentId", message: "HIT not accepted yet" },
    ]);
  }
  const crowd = crowdIdentity(params);
  const resolved = await resolveJoinLink(token, { returning: true });
  if (!resolved.ok) throw new AppError(resolved.reason === "invalid" ? "NOT_FOUND" : "GONE", resolved.message);
  const { link } = resolved;

  return db.$transaction(async (tx) => {
    if (crowd) await execute(LOCK_CROWD_IDENTITY, [`crowd:${crowd.source}:${crowd.id}`], tx);
    // Only a capped link serialises its joins (the count below must not be overshot); an uncapped
    // one is read under a share lock, so a burst of arrivals does not queue behind one row lock
    // (found by the chaos run: 200 arrivals outran the 5 s transaction timeout) while a
    // concurrent revoke still waits for joins in flight.
    const [locked] = await run(link.maxAnnotators === null ? SHARE_JOIN_LINK : LOCK_JOIN_LINK, [link.id], tx);
    if (!locked || locked.revokedAt || (locked.expiresAt && locked.expiresAt <= new Date()))
      throw new AppError("GONE", "This link is no longer open.");

    const userId = await identityFor(tx, crowd, signedIn);
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { active: true, role: true } });
    if (!user.active || user.role !== "annotator")
      throw new AppError("FORBIDDEN", "This participant may not take part.");

    const existing = await tx.participation.findUnique({
      where: { campaignId_userId: { campaignId: link.campaignId, userId } },
    });
    if (existing) {
      if (crowd) {
        await tx.participation.update({
          where: { id: existing.id },
          data: {
            crowdSource: existing.crowdSource ?? crowd.source,
            crowdId: existing.crowdId ?? crowd.id,
            studyId: crowd.studyId ?? existing.studyId,
            sessionId: crowd.sessionId ?? existing.sessionId,
            hitId: crowd.hitId ?? existing.hitId,
            crowdAssignmentId: crowd.assignmentId ?? existing.crowdAssignmentId,
          },
        });
      }
      return { userId, campaignId: link.campaignId, resumed: true, consented: existing.consentedAt !== null };
    }
    if (link.maxAnnotators !== null) {
      const joined = await tx.participation.count({ where: { joinLinkId: link.id } });
      if (joined >= link.maxAnnotators) throw new AppError("GONE", "This study has all the participants it needs.");
    }
    await tx.participation.create({
      data: {
        campaignId: link.campaignId,
        userId,
        joinLinkId: link.id,
        crowdSource: crowd?.source ?? null,
        crowdId: crowd?.id ?? null,
        studyId: crowd?.studyId ?? null,
        sessionId: crowd?.sessionId ?? null,
        hitId: crowd?.hitId ?? null,
        crowdAssignmentId: crowd?.assignmentId ?? null,
        addressHash: addressHash(link.campaignId, address),
      },
    });
    return { userId, campaignId: link.campaignId, resumed: false, consented: false };
  }, JOIN_TX);
}

/** A burst of arrivals queues for connections and the capped link's lock: waiting beats a 500. */
const JOIN_TX = { maxWait: 15_000, timeout: 15_000 } as const;

async function identityFor(
  tx: Prisma.TransactionClient,
  crowd: CrowdIdentity | null,
  signedIn: CurrentUser | null,
): Promise<string> {
  if (crowd) {
    const known = await tx.participation.findFirst({
      where: { crowdSource: crowd.source, crowdId: crowd.id },
      orderBy: { createdAt: "asc" },
      select: { userId: true },
    });
    if (known) return known.userId;
  } else if (signedIn?.role === "annotator") {
    return signedIn.id;
  }
  const created = await tx.user.create({
    data: { role: "annotator", name: crowd ? `${crowd.source} participant` : "Participant" },
  });
  return created.id;
}
