import "server-only";
import { statement } from "../db/prepared";

/**
 * Joining's SQL (see lib/db/prepared.ts for how statements are declared and run): row locks and
 * an advisory lock, which Prisma cannot take. All run inside the join's Prisma transaction.
 */

/** Serialises concurrent joins with one crowd id (`crowd:<source>:<id>`) until the transaction ends. */
export const LOCK_CROWD_IDENTITY = statement<never, [crowdKey: string]>(
  "lock_crowd_identity",
  `SELECT pg_advisory_xact_lock(hashtext($1))`,
);

type LinkState = { revokedAt: Date | null; expiresAt: Date | null };

/** An uncapped link, under a share lock: joins proceed together, a concurrent revoke waits for them. */
export const SHARE_JOIN_LINK = statement<LinkState, [joinLinkId: string]>(
  "share_join_link",
  `SELECT "revokedAt", "expiresAt" FROM "JoinLink" WHERE id = $1 FOR SHARE`,
);

/** A capped link, locked: its joins are serialised so the cap is never overshot. */
export const LOCK_JOIN_LINK = statement<LinkState, [joinLinkId: string]>(
  "lock_join_link",
  `SELECT "revokedAt", "expiresAt" FROM "JoinLink" WHERE id = $1 FOR UPDATE`,
);
