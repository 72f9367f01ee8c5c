import "server-only";
import { env } from "../env";

export { requestIsHttps } from "./request-is-https";

/**
 * The client's address, for throttling and the shared-address quality signal. With
 * TRUSTED_PROXY_COUNT proxies in front, each appending the address it saw to X-Forwarded-For, it
 * is the entry the outermost one wrote; entries left of it were written by the client. Without
 * proxies it is the last entry, which `next start` records from the connection, unless the client
 * sent the header itself: then a client can choose this value (docs/SECURITY.md), which is why it
 * only ever throttles or informs, never grants access. IPv4-mapped IPv6 counts as IPv4.
 * Null when the request carries no address.
 */
export function clientAddress(headers: { get(name: string): string | null }): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const hops = Math.max(env.TRUSTED_PROXY_COUNT, 1);
  const entry = entries[Math.max(0, entries.length - hops)];
  return entry.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}
