import "server-only";
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";

/**
 * What a form's server action returns to `useActionState`: success with a message (and data),
 * or the refusal with the fields it names. Only AppError / zod errors become a result; anything
 * else — including Next's redirect / forbidden signals thrown by the guard — propagates.
 */
export type ActionResult<T = undefined> =
  { ok: true; message: string; data?: T } | { ok: false; message: string; issues: FieldIssue[] } | null;

export async function runAction<T>(work: () => Promise<{ message: string; data?: T }>): Promise<ActionResult<T>> {
  try {
    const { message, data } = await work();
    return { ok: true, message, data };
  } catch (error) {
    const appError = error instanceof AppError ? error : error instanceof z.ZodError ? AppError.fromZod(error) : null;
    if (!appError) throw error;
    return { ok: false, message: appError.message, issues: appError.issues };
  }
}
