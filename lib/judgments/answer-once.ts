import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { run, type Statement } from "../db/prepared";
import { RATE_WINDOW_SECONDS } from "../access/rate-limit";
import type { SubmitContextParams } from "../rating/statements";
import { isUniqueViolation } from "./write-judgment";

/** The fields every answer body has (vote, rating, ranking), for their zod schemas. */
export const answerFields = {
  assignmentId: z.string().min(1).max(64),
  idempotencyKey: z.string().min(8).max(128),
  latencyMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000)
    .optional(),
  /** The campaign whose next item to return with the answer (rating, ranking). */
  nextFor: z.string().min(1).max(64).optional(),
};

/** What every answer is sent with: the annotator's assignment and the client's idempotency key. */
export interface AnswerKey {
  assignmentId: string;
  idempotencyKey: string;
}

/** `rateLimit` (the answer routes): refused when the annotator recorded that many answers in the last minute. */
export interface AnswerOptions {
  rateLimit?: number;
}

/**
 * An answer path's use case (vote, rating, ranking, curation vote): the annotator, the body as sent
 * (the use case parses it: a 422 naming the field), the options; the answer recorded or replayed.
 */
export type AnswerPath<Result> = (annotatorId: string, input: unknown, options?: AnswerOptions) => Promise<Result>;

/** An answer stored under an idempotency key: whose, and on which assignment. */
export interface StoredAnswer {
  annotatorId: string;
  assignmentId: string;
}

/**
 * The context row of an item answer path (rating, ranking): one statement that takes the annotator,
 * the assignment, the idempotency key and the rate window (RATE_WINDOW_SECONDS), in that order.
 */
export async function loadAnswerContext<Row extends object>(
  context: Statement<Row, SubmitContextParams>,
  annotatorId: string,
  body: AnswerKey,
): Promise<Row> {
  const [row] = await run(context, [annotatorId, body.assignmentId, body.idempotencyKey, RATE_WINDOW_SECONDS]);
  return row;
}

/**
 * The idempotency rule shared by every answer path (vote, rating, ranking): a key seen before with
 * the same content (same annotator, same assignment, and `sameContent`) replays the stored answer;
 * with other content it is a 409 naming `idempotencyKey`.
 */
export function assertSameAnswer(
  stored: StoredAnswer,
  annotatorId: string,
  body: AnswerKey,
  sameContent: boolean,
  kind: string,
): void {
  if (stored.annotatorId !== annotatorId || stored.assignmentId !== body.assignmentId || !sameContent)
    throw new AppError("CONFLICT", `idempotencyKey was already used for a different ${kind}`, [
      { field: "idempotencyKey", message: "reused with different content" },
    ]);
}

/**
 * What a failed answer write becomes: two copies of one request raced past the replay check and the
 * loser hit the unique key — it replays the winner's answer (the context `reload`s finds it by the
 * key), or is a
 * 409 with `conflict` when the slot was taken by another key. Any other error is rethrown.
 */
export async function replayAfterRace<Stored, Result>(
  error: unknown,
  reload: () => Promise<{ replay: Stored | null | undefined }>,
  replay: (stored: Stored) => Result,
  conflict: string,
): Promise<Result> {
  if (!isUniqueViolation(error)) throw error;
  const again = (await reload()).replay;
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
