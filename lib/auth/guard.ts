import "server-only";
import { cache } from "react";
import { db } from "../db";
import { AppError } from "../errors";
import { auth } from "./auth";
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
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user || !user.active || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** The one guard: 401 without a session, 403 when the role may not perform `permission`. */
export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first");
  if (!roleMay(user.role, permission)) throw new AppError("FORBIDDEN", `Your role may not do this (${permission})`);
  return user;
}
