import "server-only";
import { z } from "zod";
import { db, Prisma } from "../db";
import { execute, run } from "../db/prepared";
import { env } from "../env";
import { AppError, parseOrThrow } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { addressHash } from "./address-hash";
import { browserKeyHash, newBrowserSecret, presentedBrowserSecret } from "./browser-secret";
import { crowdIdentity, crowdParamsSchema, MTURK_PREVIEW, type CrowdIdentity } from "./crowd-params";
import { resolveJoinLink } from "./join-links";
import { throttleJoin } from "./join-throttle";
import { ADVISORY_XACT_LOCK, SHARE_JOIN_LINK } from "./statements";

export interface JoinResult {
  userId: string;
  campaignId: string;
  resumed: boolean;
  consented: boolean;
  /** The browser's secret to keep in its cookie: the one it presented, or a new one. */
  browserSecret: string;
}

const joinInputSchema = z.object({
  token: z.string().min(1, "missing").max(512, "too long"),
  crowd: crowdParamsSchema,
});

/** The refusal of a crowd id already bound to another browser; `field: "browser"` names it for the page. */
export const OTHER_BROWSER_MESSAGE =
  "This participant id was started in another browser. Continue in the browser you started in; if you cannot, contact the researcher.";

/**
 * Enters an annotator into a campaign through a join link: creates or resumes their identity
 * (a passwordless User with role annotator) and their Participation with the crowd parameters.
 *
 * - Identities belong to one campaign: a crowd id (Prolific PROLIFIC_PID or MTurk workerId)
 *   names one annotator per campaign, and the same id in another campaign is another annotator.
 * - A crowd id is bound to the browser that first used it (`browserSecret`, kept by the caller
 *   in an httpOnly cookie; lib/access/browser-secret.ts): it resumes only with that secret, or
 *   for that annotator's own session; any other browser is refused (CONFLICT), never merged.
 * - Without a crowd id, the browser's own participation in this campaign is resumed, else the
 *   annotator signed in on this browser; otherwise a fresh identity is made.
 * - `address` (the client's network address) is throttled per hour (lib/access/join-throttle.ts).
 * - The link must be valid, unrevoked, unexpired and under its cap (JOIN_LINK_DEFAULT_CAP when it
 *   has none); a returning annotator is never refused for the cap. Newcomers of one link are
 *   serialised while the cap is counted, so it is never overshot.
 */
export async function joinCampaign(
  input: { token: string; crowd: Record<string, string> },
  signedIn: CurrentUser | null,
  address: string | null = null,
  browserSecret: string | null = null,
): Promise<JoinResult> {
  if (address) await throttleJoin(address);
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
  const presented = presentedBrowserSecret(browserSecret);
  const secret = presented ?? newBrowserSecret();
  const keyHash = browserKeyHash(secret);
  const presentedHash = presented ? keyHash : null;

  return db.$transaction(async (tx) => {
    const identityKey = crowd
      ? `crowd:${link.campaignId}:${crowd.source}:${crowd.id}`
      : `browser:${link.campaignId}:${keyHash}`;
    await execute(ADVISORY_XACT_LOCK, [identityKey], tx);
    const [state] = await run(SHARE_JOIN_LINK, [link.id], tx);
    if (!state || state.revokedAt || (state.expiresAt && state.expiresAt <= new Date()))
      throw new AppError("GONE", "This link is no longer open.");

    const existing = await returningParticipation(tx, link.campaignId, crowd, presentedHash, signedIn);
    if (existing) {
      const boundElsewhere =
        existing.browserKeyHash !== null &&
        existing.browserKeyHash !== presentedHash &&
        existing.userId !== signedIn?.id;
      if (boundElsewhere)
        throw new AppError("CONFLICT", OTHER_BROWSER_MESSAGE, [{ field: "browser", message: "another browser" }]);
      const user = await tx.user.findUniqueOrThrow({
        where: { id: existing.userId },
        select: { active: true, role: true },
      });
      if (!user.active || user.role !== "annotator")
        throw new AppError("FORBIDDEN", "This participant may not take part.");
      await tx.participation.update({
        where: { id: existing.id },
        data: {
          // Rows made before the binding are bound to the first browser that returns.
          browserKeyHash: keyHash,
          ...(crowd
            ? {
                crowdSource: existing.crowdSource ?? crowd.source,
                crowdId: existing.crowdId ?? crowd.id,
                studyId: crowd.studyId ?? existing.studyId,
                sessionId: crowd.sessionId ?? existing.sessionId,
                hitId: crowd.hitId ?? existing.hitId,
                crowdAssignmentId: crowd.assignmentId ?? existing.crowdAssignmentId,
              }
            : {}),
        },
      });
      return {
        userId: existing.userId,
        campaignId: link.campaignId,
        resumed: true,
        consented: existing.consentedAt !== null,
        browserSecret: secret,
      };
    }

    // A newcomer. The rows are written first and the link's newcomer lock is taken last, so a
    // burst of arrivals queues only for the count and the commit. The count sees every committed
    // newcomer and this one (uncommitted ones queue behind the lock), so the cap is never
    // overshot; over it, the refusal rolls this newcomer's rows back.
    const userId =
      !crowd && signedIn?.role === "annotator"
        ? signedIn.id
        : (
            await tx.user.create({
              data: { role: "annotator", name: crowd ? `${crowd.source} participant` : "Participant" },
            })
          ).id;
    await tx.participation.create({
      data: {
        campaignId: link.campaignId,
        userId,
        joinLinkId: link.id,
        browserKeyHash: keyHash,
        crowdSource: crowd?.source ?? null,
        crowdId: crowd?.id ?? null,
        studyId: crowd?.studyId ?? null,
        sessionId: crowd?.sessionId ?? null,
        hitId: crowd?.hitId ?? null,
        crowdAssignmentId: crowd?.assignmentId ?? null,
        addressHash: addressHash(link.campaignId, address),
      },
    });
    await execute(ADVISORY_XACT_LOCK, [`join-link:${link.id}`], tx);
    const cap = link.maxAnnotators ?? env.JOIN_LINK_DEFAULT_CAP;
    const joined = await tx.participation.count({ where: { joinLinkId: link.id } });
    if (joined > cap) throw new AppError("GONE", "This study has all the participants it needs.");
    return { userId, campaignId: link.campaignId, resumed: false, consented: false, browserSecret: secret };
  }, JOIN_TX);
}

/** A burst of arrivals queues for connections and the link's newcomer lock: waiting beats a 500. */
const JOIN_TX = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * This campaign's participation the join resumes, if any: the crowd id's (whoever's browser it
 * is bound to: the caller checks), else this browser's, else the signed-in annotator's.
 */
async function returningParticipation(
  tx: Prisma.TransactionClient,
  campaignId: string,
  crowd: CrowdIdentity | null,
  presentedHash: string | null,
  signedIn: CurrentUser | null,
) {
  if (crowd)
    return tx.participation.findUnique({
      where: { campaignId_crowdSource_crowdId: { campaignId, crowdSource: crowd.source, crowdId: crowd.id } },
    });
  if (presentedHash) {
    const own = await tx.participation.findFirst({ where: { campaignId, browserKeyHash: presentedHash } });
    if (own) return own;
  }
  if (signedIn?.role === "annotator")
    return tx.participation.findUnique({ where: { campaignId_userId: { campaignId, userId: signedIn.id } } });
  return null;
}
