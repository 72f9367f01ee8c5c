import { db } from "../../lib/db";
import { AppError } from "../../lib/errors";
import type { CurrentUser } from "../../lib/auth/guard";
import { isRole } from "../../lib/auth/permissions";
import { OPERATOR } from "./operator";

/**
 * Who a command acts as: the OPERATOR (every campaign, as an admin), or with `--user EMAIL` that
 * active researcher or admin, whose campaigns only it then sees and whose id it writes as owner.
 */
export async function actingUser(email: string | undefined): Promise<CurrentUser> {
  if (email === undefined) return OPERATOR;
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, role: true, active: true },
  });
  if (!user || !user.active) throw new AppError("NOT_FOUND", `--user: no active user ${email}`);
  if (!isRole(user.role) || user.role === "annotator")
    throw new AppError("FORBIDDEN", `--user: ${email} is an annotator; only researchers and admins run campaigns`);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** A user row to own what a command creates: the OPERATOR is no row, so creating needs --user. */
export async function owningUser(email: string | undefined, what: string): Promise<CurrentUser> {
  if (email === undefined) throw new AppError("BAD_REQUEST", `${what} needs --user EMAIL (its owner)`);
  return actingUser(email);
}
