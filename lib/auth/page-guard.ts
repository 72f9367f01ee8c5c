import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "../errors";
import { runAction, type ActionResult } from "../http/action-result";
import { requirePermission, type CurrentUser } from "./guard";
import type { Permission } from "./permissions";

/**
 * The guard for pages and server actions: the same check as route handlers, answered the way a
 * browser expects — sign-in page when there is no session, 403 page for a wrong role, 404 page
 * for what this user may not know exists.
 */
export async function guardPage(permission: Permission): Promise<CurrentUser> {
  try {
    return await requirePermission(permission);
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") redirect("/login");
    if (error instanceof AppError && error.code === "FORBIDDEN") forbidden();
    throw error;
  }
}

/** Runs a page's data loading, turning AppError NOT_FOUND into the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * A page's guard and its data: guardPage, then `load` for that user, a NOT_FOUND it throws
 * answered with the 404 page (orNotFound).
 */
export async function guardAndLoad<T>(
  permission: Permission,
  load: (user: CurrentUser) => Promise<T>,
): Promise<{ user: CurrentUser; data: T }> {
  const user = await guardPage(permission);
  return { user, data: await orNotFound(() => load(user)) };
}

/**
 * A form's server action: the guard first (answered as for a page), then `work` with the user and
 * the form; an AppError or zod error it throws becomes the form's refusal (runAction).
 */
export function guardedAction<T = undefined>(
  permission: Permission,
  work: (user: CurrentUser, formData: FormData) => Promise<{ message: string; data?: T }>,
): (previous: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>> {
  return async (_previous, formData) => {
    const user = await guardPage(permission);
    return runAction(() => work(user, formData));
  };
}
