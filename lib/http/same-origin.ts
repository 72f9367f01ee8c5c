import "server-only";
import { publicUrl } from "../env";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a write (any method but GET, HEAD, OPTIONS) that a browser says comes from another site:
 * `Sec-Fetch-Site` other than `same-origin` (a sibling subdomain is `same-site`, and refused), or
 * an `Origin` that is neither PUBLIC_URL's nor the request's own host (`Origin: null` included).
 * SameSite=Lax cookies already stay off cross-site POSTs in current browsers; this does not rely
 * on that. A request with neither header comes from no browser (the command line, scripts) and
 * carries no victim's cookies, so it passes. Server actions have Next's own Origin check.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin")
    throw new AppError("FORBIDDEN", `Cross-site request refused (Sec-Fetch-Site: ${site.slice(0, 20)}): wrong origin`);
  const origin = request.headers.get("origin");
  if (origin !== null && !isOwnOrigin(origin, request))
    throw new AppError("FORBIDDEN", "Cross-origin request refused: the Origin is not this site");
}

function isOwnOrigin(origin: string, request: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) and anything malformed
  }
  if (url.origin === new URL(publicUrl()).origin) return true;
  // What the browser addressed: Host, or the host a proxy in front received. A cross-site page
  // cannot set either on the victim's request.
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return host !== null && url.host === host.split(",")[0].trim().toLowerCase();
}
