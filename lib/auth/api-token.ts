import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import type { CurrentUser } from "./guard";
import { isRole, tokenMay, type Permission } from "./permissions";

/**
 * Personal API tokens as the guard sees them. A token is `pgn_` + 32 random bytes (base64url):
 * with 256 bits of entropy a plain sha256 is a safe stored form (no salt or slow hash needed —
 * nobody can guess a preimage), and it lets a request find its token with one indexed lookup.
 */
export const API_TOKEN_PREFIX = "pgn_";
/** A token's lastUsedAt is written at most this often (one write per minute of use, not per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}

/** The Authorization header when it carries a Bearer credential, else null (no header, or another scheme). */
export function bearerAuthorization(header: string | null): string | null {
  return header !== null && /^bearer\b/i.test(header.trimStart()) ? header : null;
}

const unauthenticated = (message: string) => new AppError("UNAUTHENTICATED", message);

/**
 * The user an `Authorization: Bearer …` header acts as, for `permission`: 401 for anything but a
 * live token of an active user, 403 when the token's scope (or any token) may not do it. The
 * role check stays with the guard, as for a cookie.
 */
export async function apiTokenUser(authorization: string, permission: Permission): Promise<CurrentUser> {
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("Authorization must be `Bearer <token>`");
  const token = match[1];
  if (!token.startsWith(API_TOKEN_PREFIX)) throw unauthenticated("Not a Photogenic API token");
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      scope: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  const now = Date.now();
  if (!row) throw unauthenticated("Unknown API token");
  if (row.revokedAt) throw unauthenticated("This API token has been revoked");
  if (row.expiresAt && row.expiresAt.getTime() <= now) throw unauthenticated("This API token has expired");
  if (!row.user.active || !isRole(row.user.role)) throw unauthenticated("This API token's account is inactive");
  if (!tokenMay(row.scope, permission)) {
    throw new AppError(
      "FORBIDDEN",
      row.scope === "read" && tokenMay("write", permission)
        ? `A read-only API token may not do this (${permission})`
        : `API tokens may not do this (${permission}); sign in instead`,
    );
  }
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role };
}
