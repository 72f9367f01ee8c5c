import "server-only";
import { z } from "zod";
import { db, type Prisma } from "../db";
import { AppError, parseOrThrow } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { newApiToken } from "../auth/api-token";
import { roleMay, TOKEN_SCOPES, type TokenScope } from "../auth/permissions";

/**
 * Personal API tokens: made by their user (account page) or for them by the operator (CLI),
 * shown once, listed with their last use, revoked at will. The guard's side is lib/auth/api-token.ts.
 */
export const createApiTokenSchema = z.object({
  name: z.string().trim().max(100, "at most 100 characters").default(""),
  scope: z.enum(TOKEN_SCOPES, { error: "read or write" }),
  /** Omitted: the token never expires. */
  expiresInDays: z.coerce.number().int("whole days").min(1, "at least 1 day").max(3650).optional(),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

export interface ApiTokenRow {
  id: string;
  name: string;
  scope: TokenScope;
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  owner: string | null;
  state: "active" | "revoked" | "expired";
}

const ROW_SELECT = {
  id: true,
  name: true,
  scope: true,
  prefix: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { email: true } },
} satisfies Prisma.ApiTokenSelect;

function toRow({ user, ...token }: Prisma.ApiTokenGetPayload<{ select: typeof ROW_SELECT }>, now = new Date()) {
  const state: ApiTokenRow["state"] = token.revokedAt
    ? "revoked"
    : token.expiresAt && token.expiresAt <= now
      ? "expired"
      : "active";
  return { ...token, owner: user.email, state };
}

/** A new token for `user`; the returned `token` is the only time the secret is seen. */
export async function createApiToken(user: CurrentUser, input: unknown): Promise<{ token: string; row: ApiTokenRow }> {
  if (!roleMay(user.role, "account:tokens"))
    throw new AppError("FORBIDDEN", "API tokens are for researchers and admins");
  const data = parseOrThrow(createApiTokenSchema, input, "API token");
  const { token, tokenHash, prefix } = newApiToken();
  const created = await db.apiToken.create({
    data: {
      userId: user.id,
      name: data.name,
      scope: data.scope,
      tokenHash,
      prefix,
      expiresAt: data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null,
    },
    select: ROW_SELECT,
  });
  return { token, row: toRow(created) };
}

/** The user's own tokens; `everyone` (admins only: the command line) lists every user's. */
export async function listApiTokens(user: CurrentUser, options: { everyone?: boolean } = {}): Promise<ApiTokenRow[]> {
  const where = options.everyone && user.role === "admin" ? {} : { userId: user.id };
  const rows = await db.apiToken.findMany({ where, orderBy: { createdAt: "desc" }, select: ROW_SELECT });
  return rows.map((row) => toRow(row));
}

/** Revokes one of the user's tokens (an admin: anyone's); revoking twice is fine, a stranger's is 404. */
export async function revokeApiToken(user: CurrentUser, tokenId: string): Promise<void> {
  const where = { id: tokenId, ...(user.role === "admin" ? {} : { userId: user.id }) };
  const { count } = await db.apiToken.updateMany({
    where: { ...where, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0 && !(await db.apiToken.findFirst({ where, select: { id: true } })))
    throw new AppError("NOT_FOUND", "API token not found");
}
