import "server-only";
import { z } from "zod";
import { db } from "../db";
import { AppError, parseOrThrow } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";
import { attemptDelayMs, attemptSucceeded, recordAttempt } from "../auth/sign-in-throttle";
import type { CurrentUser } from "../auth/guard";
import { passwordSchema } from "./password-policy";

const changePasswordSchema = z
  .object({ current: z.string().min(1, "required").max(1024), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "the two passwords differ", path: ["confirm"] })
  .refine((v) => v.password !== v.current, { message: "must differ from the current password", path: ["password"] });

/**
 * A signed-in researcher or admin changes their own password; the current one is required (and
 * throttled). Every session signed in before the change ends (someone who knew the old password
 * may hold one); the caller signs this browser in again with the new password.
 */
export async function changeOwnPassword(user: CurrentUser, input: unknown): Promise<void> {
  const data = parseOrThrow(changePasswordSchema, input, "password change");
  const attempt = { account: `change-password:${user.id}`, address: "" };
  const wait = await attemptDelayMs(attempt);
  if (wait > 0)
    throw new AppError("RATE_LIMITED", `Too many wrong passwords; try again in ${Math.ceil(wait / 1000)} s`);
  await recordAttempt(attempt);
  const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(data.current, row?.passwordHash))) {
    throw new AppError("VALIDATION", "The current password is wrong", [
      { field: "current", message: "wrong password" },
    ]);
  }
  await attemptSucceeded(attempt);
  const passwordHash = await hashPassword(data.password);
  await db.user.update({ where: { id: user.id }, data: { passwordHash, sessionsValidAfter: new Date() } });
}
