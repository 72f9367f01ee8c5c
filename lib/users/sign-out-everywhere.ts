import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";

/**
 * The signed-in user ends all of their sessions, this one included. Sessions are signed JWTs
 * held by browsers; the guard refuses any that began before `sessionsValidAfter`
 * (lib/auth/guard.ts), which a password change and a deactivation set too.
 */
export async function signOutEverywhere(user: CurrentUser): Promise<void> {
  await db.user.update({ where: { id: user.id }, data: { sessionsValidAfter: new Date() } });
}
