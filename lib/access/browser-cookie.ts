import { randomBytes } from "node:crypto";

/**
 * The browser-secret cookie's name, shape and options: what the join action and the proxy
 * (proxy.ts) both write. Kept free of `server-only` because the proxy is bundled apart from
 * the React server graph; nothing here is a secret, only the values it makes.
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
