import { expect } from "vitest";
import { AppError } from "../../lib/errors";

/** The AppError a use case refused with; fails the test when it was accepted or failed otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "it was accepted").toBeInstanceOf(AppError);
  return error as AppError;
}
