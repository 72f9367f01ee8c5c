import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The per-browser secret a crowd identity is bound to (issue 16 item 3). A PROLIFIC_PID or an
 * MTurk workerId is not a secret (it appears in URLs, payment files, researchers' inboxes), so
 * on first use the join action gives the browser a random secret in an httpOnly cookie and the
 * participation keeps only its sha256; the same crowd id then resumes only where that secret is.
 */
export const BROWSER_COOKIE = "photogenic-browser";
/** The cookie is sent only to the join pages and their action. */
export const BROWSER_COOKIE_PATH = "/join";
const MAX_AGE_S = 180 * 24 * 60 * 60;

export function newBrowserSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A well-formed secret (43 base64url characters) or null: anything else counts as no cookie. */
export function presentedBrowserSecret(value: string | null | undefined): string | null {
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export function browserKeyHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The Set-Cookie options for the secret: httpOnly, SameSite=Lax, Secure over HTTPS. */
export function browserCookie(secret: string, https: boolean) {
  return {
    name: BROWSER_COOKIE,
    value: secret,
    httpOnly: true,
    sameSite: "lax" as const,
    secure: https,
    path: BROWSER_COOKIE_PATH,
    maxAge: MAX_AGE_S,
  };
}
