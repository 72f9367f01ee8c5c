import "server-only";
import { createHmac } from "node:crypto";
import { isIP } from "node:net";
import { ensureAuthSecret } from "../auth/auth-secret";

/**
 * The network address an annotator joined from, as a salted HMAC: equal within one campaign for
 * equal addresses (so the results can group crowd ids that share a device or network, the
 * shared-device signal of lib/stats), unrelated across campaigns (the campaign id is the salt),
 * and not reversible without AUTH_SECRET (an IPv4 address space is small enough to hash
 * exhaustively, so a plain hash would not do). The address itself is never stored.
 * Definition: HMAC-SHA256(key, campaignId ‖ 0x00 ‖ address), key = HMAC-SHA256(AUTH_SECRET,
 * "photogenic:address-hash"); the first 32 hex digits. IPv4-mapped IPv6 addresses count as IPv4.
 * Returns null when there is no valid address (a direct connection without a proxy header).
 */
export function addressHash(campaignId: string, address: string | null | undefined): string | null {
  const normalised = normaliseAddress(address);
  if (normalised === null) return null;
  const key = createHmac("sha256", ensureAuthSecret()).update("photogenic:address-hash").digest();
  return createHmac("sha256", key).update(`${campaignId}\u0000${normalised}`).digest("hex").slice(0, 32);
}

function normaliseAddress(address: string | null | undefined): string | null {
  const a = (address ?? "")
    .trim()
    .toLowerCase()
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  return a.length <= 64 && isIP(a) !== 0 ? a : null;
}
