import "server-only";
import { z } from "zod";
import { db } from "../db";
import { AppError, parseOrThrow } from "../errors";
import { hashPassword } from "../auth/password";
import type { CurrentUser } from "../auth/guard";
import { nonce, readSignedToken, sha256, signedToken } from "../access/signing";
import { passwordSchema } from "./password-policy";

/**
 * Researcher invitations: an admin names an e-mail and a role; the invitee gets a one-time,
 * signed link (`/account/setup/<token>`, valid 7 days) to set their password. The token is
 * stored only as a hash (VerificationToken), a new invitation replaces the old one, and using
 * it deletes it.
 */
const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const identifierOf = (userId: string) => `invite:${userId}`;

export const inviteSchema = z.object({
  email: z.string().trim().toLowerCase().email("not an e-mail address").max(320),
  name: z.string().trim().max(200).optional(),
  role: z.enum(["researcher", "admin"], { message: "researcher or admin" }).default("researcher"),
});

export async function inviteUser(
  _admin: CurrentUser,
  input: unknown,
): Promise<{ userId: string; path: string; expiresAt: Date }> {
  const data = parseOrThrow(inviteSchema, input, "invitation");
  const existing = await db.user.findUnique({ where: { email: data.email } });
  if (existing?.passwordHash)
    throw new AppError("CONFLICT", `${data.email} already has an account`, [
      { field: "email", message: "already registered" },
    ]);
  const user =
    existing ??
    (await db.user.create({ data: { email: data.email, name: data.name || null, role: data.role, active: true } }));
  if (existing)
    await db.user.update({ where: { id: user.id }, data: { role: data.role, name: data.name || existing.name } });
  const secret = nonce();
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await db.$transaction([
    db.verificationToken.deleteMany({ where: { identifier: identifierOf(user.id) } }),
    db.verificationToken.create({
      data: { identifier: identifierOf(user.id), token: sha256(secret), expires: expiresAt },
    }),
  ]);
  return { userId: user.id, path: `/account/setup/${signedToken("invite", [user.id, secret])}`, expiresAt };
}

/** The invitation a token opens (read-only), or null when forged, used or expired. */
export async function findInvite(token: string): Promise<{ userId: string; email: string | null } | null> {
  const parts = readSignedToken("invite", token, 2);
  if (!parts) return null;
  const [userId, secret] = parts;
  const row = await db.verificationToken.findFirst({
    where: { identifier: identifierOf(userId), token: sha256(secret), expires: { gt: new Date() } },
  });
  if (!row) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, active: true } });
  return user?.active ? { userId, email: user.email } : null;
}

const acceptSchema = z
  .object({ token: z.string().min(1).max(512), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "the two passwords differ", path: ["confirm"] });

/** Sets the invitee's password and spends the token (a second use is refused). */
export async function acceptInvite(input: unknown): Promise<{ email: string | null }> {
  const data = parseOrThrow(acceptSchema, input, "password");
  const parts = readSignedToken("invite", data.token, 2);
  if (!parts) throw new AppError("NOT_FOUND", "This invitation link is not valid");
  const [userId, secret] = parts;
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    const { count } = await tx.verificationToken.deleteMany({
      where: { identifier: identifierOf(userId), token: sha256(secret), expires: { gt: new Date() } },
    });
    if (count !== 1) throw new AppError("GONE", "This invitation was already used or has expired");
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user || !user.active) throw new AppError("GONE", "This invitation was withdrawn");
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    return { email: user.email };
  });
}
