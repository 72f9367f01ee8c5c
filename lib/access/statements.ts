import "server-only";
import { statement } from "../db/prepared";

/**
 * Joining's SQL (see lib/db/prepared.ts for how statements are declared and run): row locks,
 * advisory locks and the join throttle's upsert on the database clock, which Prisma cannot do.
 * The locks run inside the join's Prisma transaction.
 */

/**
 * A transaction-scoped advisory lock on a key: `crowd:<campaign>:<source>:<id>` serialises joins
 * of one crowd id, `browser:<campaign>:<hash>` those of one browser, `join-link:<id>` the
 * newcomers of one link while its cap is counted.
 */
export const ADVISORY_XACT_LOCK = statement<never, [key: string]>(
  "advisory_xact_lock",
  `SELECT pg_advisory_xact_lock(hashtext($1))`,
);

type LinkState = { revokedAt: Date | null; expiresAt: Date | null };

/**
 * The link under a share lock: joins proceed together (found by the chaos run: 200 arrivals
 * queued behind one row lock outran the transaction timeout), while a concurrent revoke waits
 * for the joins in flight.
 */
export const SHARE_JOIN_LINK = statement<LinkState, [joinLinkId: string]>(
  "share_join_link",
  `SELECT "revokedAt", "expiresAt" FROM "JoinLink" WHERE id = $1 FOR SHARE`,
);

/**
 * Counts one join from an address (a keyed hash of it) in its current one-hour window and
 * returns the count so far; a window an hour old starts again at 1. One statement, so
 * concurrent joins on any web server count exactly.
 */
export const COUNT_JOIN = statement<{ count: number }, [addressKey: string]>(
  "count_join",
  `INSERT INTO "JoinThrottle" AS t ("addressKey", "windowStart", count) VALUES ($1, now(), 1)
   ON CONFLICT ("addressKey") DO UPDATE SET
     count = CASE WHEN t."windowStart" <= now() - interval '1 hour' THEN 1 ELSE t.count + 1 END,
     "windowStart" = CASE WHEN t."windowStart" <= now() - interval '1 hour' THEN now() ELSE t."windowStart" END
   RETURNING count`,
);

/** Forgets addresses whose window is over (run when a window starts, so the table stays small). */
export const PRUNE_JOIN_THROTTLE = statement<never, []>(
  "prune_join_throttle",
  `DELETE FROM "JoinThrottle" WHERE "windowStart" <= now() - interval '1 hour'`,
);
