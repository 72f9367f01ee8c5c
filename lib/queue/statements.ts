import "server-only";
import { statement } from "../db/prepared";

/** The queue's own SQL (pg-boss runs its own; see lib/db/prepared.ts for how statements are declared and run). */

/** One notification per queue name on `channel`, the payload being the name. */
export const NOTIFY_QUEUES = statement<never, [channel: string, queueNames: string[]]>(
  "notify_queues",
  `SELECT pg_notify($1, name) FROM unnest($2::text[]) AS name`,
);
