import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { apiTokenUser, bearerAuthorization } from "./api-token";
import { auth } from "./auth";
import { decodeSessionToken } from "./session-token";
import { isRole, roleMay, type Permission, type Role } from "./permissions";

export interface CurrentUser {
  id: string;
  email: string | null;
  name: string | null;
  role: Role;
}

/**
 * The signed-in user for this request, checked against the database (active, role), cached
 * per request. Null when there is no valid session.
 */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** Auth.js's session cookie names (the `__Secure-` one over HTTPS); each is also its JWE salt. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
/** A session older than this goes through Auth.js once, which re-issues the cookie (sliding expiry). */
const REISSUE_AFTER_S = 60 * 60;

/**
 * The user id of the request's session. A fresh, unchunked cookie is read directly
 * (lib/auth/session-token.ts: no per-request key derivation or re-encryption); an older one, a
 * chunked one, or a missing AUTH_SECRET goes through Auth.js's `auth()`.
 */
async function sessionUserId(): Promise<string | null> {
  const jar = await cookies();
  if (!jar.getAll().some((c) => SESSION_COOKIES.some((name) => c.name.startsWith(name)))) return null;
  const secret = env.AUTH_SECRET;
  for (const name of SESSION_COOKIES) {
    const token = jar.get(name)?.value;
    if (!token || !secret) continue;
    const claims = await decodeSessionToken(token, secret, name);
    if (!claims) return null;
    if (Date.now() / 1000 - claims.iat < REISSUE_AFTER_S) return claims.sub;
    break;
  }
  const session = await auth();
  return session?.user?.id ?? null;
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
