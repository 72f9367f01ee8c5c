import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { crowdIdentities, crowdLabel } from "../results/crowd-ids";

/**
 * How the live summary names annotators (user ids): a crowd worker by platform and id (the owner
 * pays by it), anyone else by account name or e-mail. Two reads.
 */
export async function annotatorLabels(
  user: CurrentUser,
  campaignId: string,
  userIds: string[],
): Promise<(userId: string) => { label: string; crowdId: string | null }> {
  const [users, crowd] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    crowdIdentities(user, campaignId, userIds),
  ]);
  const label = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return (userId) => ({
    label: crowdLabel(crowd.get(userId)) ?? label.get(userId) ?? userId,
    crowdId: crowd.get(userId)?.crowdId ?? null,
  });
}
