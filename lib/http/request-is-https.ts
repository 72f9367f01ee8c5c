// No `server-only`: the proxy (proxy.ts), bundled apart from the React server graph, reads it too.

/**
 * Whether the request reached the app over HTTPS, decided as Auth.js decides it for its cookie
 * names (with trustHost): X-Forwarded-Proto, which `next start` always sets, else https.
 */
export function requestIsHttps(headers: { get(name: string): string | null }): boolean {
  const proto = (headers.get("x-forwarded-proto") ?? "https").split(",")[0].trim().toLowerCase();
  return proto === "https" || proto === "https:";
}
