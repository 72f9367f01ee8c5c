import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { AppError, parseOrThrow } from "../errors";
import { ownedBy } from "../campaigns/owned-campaign";
import { annotatorPseudonym } from "../results/pseudonyms";

/**
 * The expert mark of a curation campaign's members (Participation.expert): the researcher marks
 * who may judge the later stage (the survivors); the lease engine serves stage-2 items only to
 * them (lib/curation/curation-view.ts). Members are those who joined the campaign.
 */
export interface CurationMember {
  userId: string;
  /** The per-campaign pseudonym the results and manifest use. */
  pseudonym: string;
  /** An invited annotator's email, or the crowd id they joined with. */
  label: string;
  expert: boolean;
  votes: number;
}

async function ownedCuration(user: CurrentUser, campaignId: string) {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user), taskType: "curation" },
    select: { id: true },
  });
  if (!campaign) throw new AppError("NOT_FOUND", "Campaign not found");
}

export async function listCurationMembers(user: CurrentUser, campaignId: string): Promise<CurationMember[]> {
  await ownedCuration(user, campaignId);
  const members = await db.participation.findMany({
    where: { campaignId },
    orderBy: { createdAt: "asc" },
    select: {
      userId: true,
      expert: true,
      crowdSource: true,
      crowdId: true,
      user: {
        select: { email: true, _count: { select: { curationVotes: { where: { item: { campaignId } } } } } },
      },
    },
  });
  return members.map((m) => ({
    userId: m.userId,
    pseudonym: annotatorPseudonym(campaignId, m.userId),
    label: m.user.email ?? (m.crowdId ? `${m.crowdSource ?? "crowd"} ${m.crowdId}` : "(anonymous)"),
    expert: m.expert,
    votes: m.user._count.curationVotes,
  }));
}

export const setExpertSchema = z.strictObject({ userId: z.string().min(1).max(64), expert: z.boolean() });

/** Marks (or unmarks) one member of the user's curation campaign as an expert; a non-member is a 404. */
export async function setCurationExpert(user: CurrentUser, campaignId: string, input: unknown): Promise<void> {
  await ownedCuration(user, campaignId);
  const { userId, expert } = parseOrThrow(setExpertSchema, input, "expert mark");
  const { count } = await db.participation.updateMany({ where: { campaignId, userId }, data: { expert } });
  if (count === 0)
    throw new AppError("NOT_FOUND", "Not a member of this campaign", [{ field: "userId", message: "not a member" }]);
}

/** The expert mark by the member's e-mail (the command line), else as setCurationExpert. */
export async function setCurationExpertByEmail(
  user: CurrentUser,
  campaignId: string,
  email: string,
  expert: boolean,
): Promise<void> {
  const member = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!member)
    throw new AppError("NOT_FOUND", `No user with e-mail ${email}`, [{ field: "email", message: "no such user" }]);
  await setCurationExpert(user, campaignId, { userId: member.id, expert });
}
