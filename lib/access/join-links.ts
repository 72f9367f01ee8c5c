import "server-only";
import { db } from "../db";
import { env } from "../env";
import { AppError, parseOrThrow } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { campaignNotFound, ownedBy } from "../campaigns/owned-campaign";
import { readSignedToken, signedToken } from "./signing";
import { createJoinLinkSchema } from "./join-link-options";

/**
 * Campaign join links: `/join/<linkId>.<hmac>`. The signature makes the id unguessable and
 * unforgeable; the JoinLink row makes it revocable, expiring and capped on annotators (at
 * JOIN_LINK_DEFAULT_CAP when the researcher sets no cap; a link stored without one is held to it).
 */
export function joinLinkToken(linkId: string): string {
  return signedToken("join-link", [linkId]);
}

export function joinLinkPath(linkId: string): string {
  return `/join/${joinLinkToken(linkId)}`;
}

export interface JoinLinkRow {
  id: string;
  label: string;
  path: string;
  expiresAt: Date | null;
  maxAnnotators: number | null;
  revokedAt: Date | null;
  createdAt: Date;
  annotators: number;
  state: "open" | "revoked" | "expired" | "full";
}

function stateOf(
  link: { revokedAt: Date | null; expiresAt: Date | null; maxAnnotators: number | null },
  annotators: number,
  now = new Date(),
): JoinLinkRow["state"] {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt && link.expiresAt <= now) return "expired";
  if (annotators >= (link.maxAnnotators ?? env.JOIN_LINK_DEFAULT_CAP)) return "full";
  return "open";
}

export async function createJoinLink(user: CurrentUser, campaignId: string, input: unknown): Promise<JoinLinkRow> {
  const campaign = await db.campaign.findFirst({ where: { id: campaignId, ...ownedBy(user) }, select: { id: true } });
  if (!campaign) throw campaignNotFound();
  const data = parseOrThrow(createJoinLinkSchema, input, "join link");
  const link = await db.joinLink.create({
    data: {
      campaignId: campaign.id,
      label: data.label,
      createdById: user.id,
      // A leaked link must not admit an unbounded crowd: without a cap it gets the default.
      maxAnnotators: data.maxAnnotators ?? env.JOIN_LINK_DEFAULT_CAP,
      expiresAt: data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null,
    },
  });
  return { ...link, path: joinLinkPath(link.id), annotators: 0, state: stateOf(link, 0) };
}

export async function listJoinLinks(user: CurrentUser, campaignId: string): Promise<JoinLinkRow[]> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    select: {
      joinLinks: { orderBy: { createdAt: "desc" }, include: { _count: { select: { participations: true } } } },
    },
  });
  if (!campaign) throw campaignNotFound();
  return campaign.joinLinks.map(({ _count, ...link }) => ({
    ...link,
    path: joinLinkPath(link.id),
    annotators: _count.participations,
    state: stateOf(link, _count.participations),
  }));
}

export async function revokeJoinLink(user: CurrentUser, campaignId: string, linkId: string): Promise<void> {
  const link = { id: linkId, campaignId, campaign: ownedBy(user) };
  const { count } = await db.joinLink.updateMany({
    where: { ...link, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  // Nothing revoked: already revoked (fine, idempotent), or not a link of a campaign this user manages.
  if (count === 0 && !(await db.joinLink.findFirst({ where: link, select: { id: true } }))) {
    throw new AppError("NOT_FOUND", "Join link not found");
  }
}

export type ResolvedJoinLink =
  | {
      ok: true;
      link: { id: string; campaignId: string; maxAnnotators: number | null };
      campaign: { id: string; name: string; instructions: string; status: string };
    }
  | { ok: false; reason: "invalid" | "revoked" | "expired" | "full" | "closed"; message: string };

const REFUSALS = {
  invalid: "This link is not valid. Check that you copied all of it.",
  revoked: "This link has been withdrawn by the researcher.",
  expired: "This link has expired.",
  full: "This study has all the participants it needs.",
  closed: "This study is not taking answers at the moment.",
} as const;

function refuse(reason: keyof typeof REFUSALS): ResolvedJoinLink {
  return { ok: false, reason, message: REFUSALS[reason] };
}

/**
 * What a join token opens, checked without writing anything. `annotatorAlreadyIn` lets a
 * returning annotator past a full cap (resuming is never refused for the cap).
 */
export async function resolveJoinLink(token: string, options: { returning?: boolean } = {}): Promise<ResolvedJoinLink> {
  const parts = readSignedToken("join-link", token, 1);
  if (!parts) return refuse("invalid");
  const link = await db.joinLink.findUnique({
    where: { id: parts[0] },
    include: {
      campaign: { select: { id: true, name: true, instructions: true, status: true } },
      _count: { select: { participations: true } },
    },
  });
  if (!link) return refuse("invalid");
  const state = stateOf(link, link._count.participations);
  if (state === "revoked" || state === "expired") return refuse(state);
  if (state === "full" && !options.returning) return refuse("full");
  if (link.campaign.status === "completed" || link.campaign.status === "draft") return refuse("closed");
  return {
    ok: true,
    link: { id: link.id, campaignId: link.campaignId, maxAnnotators: link.maxAnnotators },
    campaign: link.campaign,
  };
}
