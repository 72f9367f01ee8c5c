import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { campaignNotFound, ownedBy } from "../campaigns/owned-campaign";
import { annotatorPseudonym } from "./pseudonyms";

export interface CrowdIdentity {
  userId: string;
  /** The annotator's pseudonym in this campaign (results, exports). */
  pseudonym: string;
  /** "prolific" or "mturk". */
  source: string | null;
  /** The worker's id on the platform (a PROLIFIC_PID, an MTurk workerId). */
  crowdId: string;
}

/**
 * The crowd ids of a campaign's annotators, for its owner alone (and admins, who manage every
 * campaign): they approve and pay workers by these ids. Anyone else — another researcher, an
 * annotator — gets NOT_FOUND, checked here and not left to the caller; no page or route of an
 * annotator's calls it. `userIds` narrows the read to those annotators.
 */
export async function crowdIdentities(
  user: CurrentUser,
  campaignId: string,
  userIds?: string[],
): Promise<Map<string, CrowdIdentity>> {
  const owned = await db.campaign.findFirst({ where: { id: campaignId, ...ownedBy(user) }, select: { id: true } });
  if (!owned) throw campaignNotFound();
  const rows = await db.participation.findMany({
    where: {
      campaignId,
      crowdId: { not: null },
      ...(userIds ? { userId: { in: userIds } } : {}),
    },
    select: { userId: true, crowdSource: true, crowdId: true },
  });
  return new Map(
    rows.map((r) => [
      r.userId,
      {
        userId: r.userId,
        pseudonym: annotatorPseudonym(campaignId, r.userId),
        source: r.crowdSource,
        crowdId: r.crowdId!,
      },
    ]),
  );
}

/** "prolific 5f1e…" as the annotator tables show a crowd id. */
export function crowdLabel(identity: Pick<CrowdIdentity, "source" | "crowdId"> | undefined): string | null {
  return identity ? `${identity.source ?? "crowd"} ${identity.crowdId}` : null;
}
