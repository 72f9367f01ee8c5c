import "server-only";
import { createHmac } from "node:crypto";
import { execute, run } from "../db/prepared";
import { env } from "../env";
import { AppError } from "../errors";
import { ensureAuthSecret } from "../auth/auth-secret";
import { COUNT_JOIN, PRUNE_JOIN_THROTTLE } from "./statements";

/**
 * At most JOIN_RATE_LIMIT_PER_HOUR joins per client address per hour (a fixed one-hour window),
 * counted in PostgreSQL so every web server sees the same count. Every attempt counts, refused
 * ones included, so a script cannot mint annotators (or try crowd ids) faster from one address.
 * The address is kept only as an HMAC keyed from AUTH_SECRET (an IPv4 space is small enough to
 * hash exhaustively).
 */
export async function throttleJoin(address: string): Promise<void> {
  const key = createHmac("sha256", ensureAuthSecret()).update(`join-throttle\u0000${address}`).digest("hex");
  const [{ count }] = await run(COUNT_JOIN, [key]);
  if (count === 1) await execute(PRUNE_JOIN_THROTTLE, []);
  if (count > env.JOIN_RATE_LIMIT_PER_HOUR)
    throw new AppError("RATE_LIMITED", "Too many joins from your network in the last hour; please try again later.");
}
