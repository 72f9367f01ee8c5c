import "server-only";
import { statement } from "./prepared";

/** Statements about the database itself (see prepared.ts for how statements are declared and run). */

/** Reachability, for the health check. */
export const PING = statement<{ ok: number }, []>("ping", `SELECT 1 AS ok`);
