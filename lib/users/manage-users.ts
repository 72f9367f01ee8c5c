import "server-only";
import { z } from "zod";
import { db } from "../db";
import { AppError, parseOrThrow } from "../errors";
import { ROLES } from "../auth/permissions";
import type { CurrentUser } from "../auth/guard";

const listSchema = z.object({
  role: z.enum(ROLES).optional(),
  q: z.string().trim().max(200).optional(),
});

/** Users for the admin page: staff first, newest first, at most 200 rows per view. */
export async function listUsers(query: unknown) {
  const { role, q } = parseOrThrow(listSchema, query, "user filter");
  const users = await db.user.findMany({
    where: {
      ...(role ? { role } : {}),
      ...(q
        ? {
            OR: [
              { email: { contains: q, mode: "insensitive" } },
              { name: { contains: q, mode: "insensitive" } },
              { id: q },
              { participations: { some: { crowdId: q } } },
            ],
          }
        : {}),
    },
    orderBy: [{ role: "asc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      createdAt: true,
      passwordHash: true,
      participations: { select: { crowdSource: true, crowdId: true }, take: 1, orderBy: { createdAt: "asc" } },
    },
  });
  return users.map(({ passwordHash, participations, ...u }) => ({
    ...u,
    invited: u.role !== "annotator" && !passwordHash,
    crowd: participations[0]?.crowdId ? `${participations[0].crowdSource}:${participations[0].crowdId}` : null,
  }));
}

const roleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES, { message: `one of ${ROLES.join(", ")}` }),
});
const activeSchema = z.object({ userId: z.string().min(1).max(64), active: z.boolean() });

/** Admins change roles; never their own (an instance must keep an admin who can undo it). */
export async function setUserRole(admin: CurrentUser, input: unknown): Promise<void> {
  const { userId, role } = parseOrThrow(roleSchema, input, "role change");
  if (userId === admin.id)
    throw new AppError("CONFLICT", "You cannot change your own role", [{ field: "userId", message: "yourself" }]);
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { role } });
  if (count === 0) throw new AppError("NOT_FOUND", "User not found");
}

/**
 * Deactivate or reactivate a user. The guard re-reads the user on every request, so a
 * deactivated user's next request is refused (401); their sessions end for good (reactivation
 * does not bring them back: they sign in again).
 */
export async function setUserActive(admin: CurrentUser, input: unknown): Promise<void> {
  const { userId, active } = parseOrThrow(activeSchema, input, "activation");
  if (userId === admin.id && !active)
    throw new AppError("CONFLICT", "You cannot deactivate yourself", [{ field: "userId", message: "yourself" }]);
  const { count } = await db.user.updateMany({
    where: { id: userId },
    data: active ? { active } : { active, sessionsValidAfter: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "User not found");
  if (!active) {
    // Drop any database sessions and unspent join tickets / invitations of this user too.
    await db.session.deleteMany({ where: { userId } });
    await db.verificationToken.deleteMany({
      where: { identifier: { in: [`join-ticket:${userId}`, `invite:${userId}`] } },
    });
  }
}
