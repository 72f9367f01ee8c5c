import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { AppError } from "../errors";
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
