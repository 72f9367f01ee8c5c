import "server-only";
import { createHash } from "node:crypto";

export {
  BROWSER_COOKIE,
  BROWSER_COOKIE_PATH,
  browserCookie,
  newBrowserSecret,
  presentedBrowserSecret,
} from "./browser-cookie";

/**
 * The per-browser secret a crowd identity is bound to (issue 16 item 3). A PROLIFIC_PID or an
 * MTurk workerId is not a secret (it appears in URLs, payment files, researchers' inboxes), so
 * the participation keeps the sha256 of a random secret held in an httpOnly cookie, and the same
 * crowd id resumes only where that secret is. The browser gets the secret when it first opens a
 * join page (proxy.ts), before anything is bound to it: a join whose answer was lost (a timeout,
 * a restart) is retried with the same secret and resumes, instead of being refused as another
 * browser. The join action makes one only for a client that posted without opening the page.
 */
export function browserKeyHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
