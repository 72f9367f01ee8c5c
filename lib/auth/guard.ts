import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { apiTokenUser, bearerAuthorization } from "./api-token";
import { auth } from "./auth";
import { requestIsHttps } from "../http/client-address";
import { decodeSessionToken } from "./session-token";
import { isRole, roleMay, type Permission, type Role } from "./permissions";

export interface CurrentUser {
  id: string;
  email: string | null;
  name: string | null;
  role: Role;
}

/**
 * The signed-in user for this request, checked against the database (active, role, and that
 * the session began after the user's `sessionsValidAfter`: password change, deactivation and
 * "sign out everywhere" end every earlier session), cached per request. Null when there is no
 * valid session.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await requestSession();
  if (!session) return null;
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionsValidAfter: true },
  });
  if (!user || !user.active || !isRole(user.role)) return null;
  if (user.sessionsValidAfter && session.signedInAt < user.sessionsValidAfter.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/**
 * Auth.js's session cookie name for the request's protocol, as Auth.js itself chooses it: the
 * `__Secure-` one over HTTPS, the plain one over HTTP. The name is also the token's JWE salt.
 * The other name is never read: a cookie that cannot have been set over this protocol is no session.
 */
const sessionCookieName = (https: boolean) => (https ? "__Secure-authjs.session-token" : "authjs.session-token");
/** A session older than this goes through Auth.js once, which re-issues the cookie (sliding expiry). */
const REISSUE_AFTER_S = 60 * 60;

/**
 * The user id and sign-in time (ms) of the request's session. A fresh, unchunked cookie is read
 * directly (lib/auth/session-token.ts: no per-request key derivation or re-encryption); an older
 * one, a chunked one, or a missing AUTH_SECRET goes through Auth.js's `auth()`.
 */
async function requestSession(): Promise<{ userId: string; signedInAt: number } | null> {
  const [jar, request] = [await cookies(), await headers()];
  const name = sessionCookieName(requestIsHttps(request));
  if (!jar.getAll().some((c) => c.name === name || c.name.startsWith(`${name}.`))) return null;
  const token = jar.get(name)?.value;
  const secret = env.AUTH_SECRET;
  if (token && secret) {
    const claims = await decodeSessionToken(token, secret, name);
    if (!claims) return null;
    if (Date.now() / 1000 - claims.iat < REISSUE_AFTER_S)
      return { userId: claims.sub, signedInAt: claims.authTime ?? claims.iat * 1000 };
  }
  const session = await auth();
  return session?.user?.id ? { userId: session.user.id, signedInAt: session.authTime ?? 0 } : null;
}

/**
 * The one guard: 401 without a session, 403 when the role may not perform `permission`. A request
 * with a Bearer Authorization header is judged by its API token alone (lib/auth/api-token.ts);
 * any other request keeps the cookie path untouched (a proxy's Basic credentials are not ours).
 */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const bearer = bearerAuthorization((await headers()).get("authorization"));
  const user = bearer === null ? await currentUser() : await apiTokenUser(bearer, permission);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  if (!roleMay(user.role, permission)) throw new AppError("FORBIDDEN", `Your role may not do this (${permission})`);
  return user;
}
