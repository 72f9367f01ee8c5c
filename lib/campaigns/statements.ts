import "server-only";
import { statement } from "../db/prepared";

/** Campaigns' SQL (see lib/db/prepared.ts for how statements are declared and run). */

/** The campaign's status, its row locked until the transaction ends (Prisma cannot lock rows). No row when absent. */
export const LOCK_CAMPAIGN = statement<{ status: string }, [campaignId: string]>(
  "lock_campaign",
  `SELECT status::text AS status FROM "Campaign" WHERE id = $1 FOR UPDATE`,
);
