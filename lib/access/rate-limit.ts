import "server-only";
import { env } from "../env";
import { AppError } from "../errors";

/**
 * Per-annotator judgment rate limit (JUDGMENT_RATE_LIMIT_PER_MINUTE).
 *
 * Two checks: recorded judgments in the last 60 s, counted in PostgreSQL (exact across any
 * number of stateless web servers; `Judgment(annotatorId, createdAt)` is indexed), and a
 * per-process attempt counter at three times the limit, so a flood of requests that record
 * nothing (replays, bad bodies) is cut off before it reaches the database.
 *
 * The voting route runs them apart: the attempt counter before the body is read, the count in
 * submitJudgment's context statement (RATE_WINDOW_SECONDS there), to save a round trip.
 */
const WINDOW_MS = 60_000;
export const RATE_WINDOW_SECONDS = WINDOW_MS / 1000;
const attempts = new Map<string, number[]>();

type Options = { limit?: number; now?: number };

/** Counts this attempt in the process-local window; throws past three times the limit. Returns the limit. */
export function noteJudgmentAttempt(annotatorId: string, options: Options = {}): number {
  const limit = options.limit ?? env.JUDGMENT_RATE_LIMIT_PER_MINUTE;
  const now = options.now ?? Date.now();
  const recentAttempts = (attempts.get(annotatorId) ?? []).filter((t) => now - t < WINDOW_MS);
  recentAttempts.push(now);
  attempts.set(annotatorId, recentAttempts);
  if (attempts.size > 10_000) pruneAttempts(now);
  if (recentAttempts.length > limit * 3) throw tooMany(limit);
  return limit;
}

/** `recorded`: this annotator's judgments in the last RATE_WINDOW_SECONDS. */
export function assertUnderJudgmentLimit(recorded: number, limit: number): void {
  if (recorded >= limit) throw tooMany(limit);
}

function tooMany(limit: number): AppError {
  return new AppError("RATE_LIMITED", `Too many answers: at most ${limit} a minute. Wait a moment, then continue.`);
}

function pruneAttempts(now: number): void {
  for (const [key, times] of attempts) if (times.every((t) => now - t >= WINDOW_MS)) attempts.delete(key);
}
