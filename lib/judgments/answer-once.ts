import "server-only";
import { AppError } from "../errors";
import { isUniqueViolation } from "./write-judgment";

/**
 * The idempotency rule shared by every answer path (vote, rating, ranking): a key seen before with
 * the same content replays the stored answer; with other content it is a 409 naming `idempotencyKey`.
 */
export function assertSameAnswer(same: boolean, kind: string): void {
  if (!same)
    throw new AppError("CONFLICT", `idempotencyKey was already used for a different ${kind}`, [
      { field: "idempotencyKey", message: "reused with different content" },
    ]);
}

/**
 * What a failed answer write becomes: two copies of one request raced past the replay check and the
 * loser hit the unique key — it replays the winner's answer (`reload` finds it by the key), or is a
 * 409 with `conflict` when the slot was taken by another key. Any other error is rethrown.
 */
export async function replayAfterRace<Stored, Result>(
  error: unknown,
  reload: () => Promise<Stored | null | undefined>,
  replay: (stored: Stored) => Result,
  conflict: string,
): Promise<Result> {
  if (!isUniqueViolation(error)) throw error;
  const again = await reload();
  if (again) return replay(again);
  throw new AppError("CONFLICT", conflict);
}

/**
 * Attaches the next view (`load(nextFor)`) to an answer's result when the client asked for it; an
 * AppError while loading it (nothing left, campaign closed) leaves the recorded answer as it is.
 */
export async function withNextView<Result extends object, Next>(
  result: Result,
  nextFor: string | undefined,
  load: (campaignId: string) => Promise<Next>,
): Promise<Result & { next?: Next }> {
  if (!nextFor) return result;
  try {
    return { ...result, next: await load(nextFor) };
  } catch (error) {
    if (error instanceof AppError) return result;
    throw error;
  }
}
