import "server-only";
import { db, type Prisma } from "../db";
import type { CurrentUser } from "../auth/guard";
import { campaignNotFound, ownedBy } from "./owned-campaign";

/** A campaign's setup as its researcher defined it: the prompt set's name and version, models and criteria in their order. */
const SETUP = {
  promptSet: { select: { name: true, version: true } },
  models: { orderBy: { position: "asc" }, include: { model: { select: { id: true, name: true, version: true } } } },
  criteria: { orderBy: { position: "asc" } },
} satisfies Prisma.CampaignInclude;

/**
 * A campaign the user may manage with its setup (SETUP) and whatever else `include` adds; 404 for a
 * missing or someone else's. One query.
 */
export async function findOwnedCampaignSetup<const I extends Prisma.CampaignInclude = Record<never, never>>(
  user: CurrentUser,
  campaignId: string,
  include?: I,
): Promise<Prisma.CampaignGetPayload<{ include: typeof SETUP & I }>> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    include: { ...SETUP, ...include },
  });
  if (!campaign) throw campaignNotFound();
  return campaign as Prisma.CampaignGetPayload<{ include: typeof SETUP & I }>;
}

/** A stored criterion as the campaign spec writes it (docs/API.md, `criteria`). */
export function criterionSpec(
  c: Prisma.CriterionGetPayload<object>,
): Pick<typeof c, "key" | "question" | "showPrompt" | "choices" | "judgmentsPerPair"> {
  return {
    key: c.key,
    question: c.question,
    showPrompt: c.showPrompt,
    choices: c.choices,
    judgmentsPerPair: c.judgmentsPerPair,
  };
}
