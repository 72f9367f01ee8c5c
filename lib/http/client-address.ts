import "server-only";

/**
 * The client's address as the server in front of the app recorded it: the last entry of
 * X-Forwarded-For, which the nearest proxy appends (or `next start` sets from the socket when no
 * proxy did). Entries left of it were written by whoever sent the request, so they are ignored.
 * Without a proxy that sets the header, a client can choose this value (docs/SECURITY.md).
 */
export function clientAddress(headers: { get(name: string): string | null }): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const last = entries.at(-1);
  return last ? last.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1") : null;
}

/**
 * Whether the request reached the app over HTTPS, decided as Auth.js decides it for its cookie
 * names (with trustHost): X-Forwarded-Proto, which `next start` always sets, else https.
 */
export function requestIsHttps(headers: { get(name: string): string | null }): boolean {
  const proto = (headers.get("x-forwarded-proto") ?? "https").split(",")[0].trim().toLowerCase();
  return proto === "https" || proto === "https:";
}
