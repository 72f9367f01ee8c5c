import "server-only";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";

/**
 * Per-annotator judgment rate limit (JUDGMENT_RATE_LIMIT_PER_MINUTE).
 *
 * Two checks: recorded judgments in the last 60 s, counted in PostgreSQL (exact across any
 * number of stateless web servers; `Judgment(annotatorId, createdAt)` is indexed), and a
 * per-process attempt counter at three times the limit, so a flood of requests that record
 * nothing (replays, bad bodies) is cut off before it reaches the database.
 */
const WINDOW_MS = 60_000;
const attempts = new Map<string, number[]>();

export async function enforceJudgmentRateLimit(annotatorId: string, options: { limit?: number; now?: number } = {}): Promise<void> {
  const limit = options.limit ?? env.JUDGMENT_RATE_LIMIT_PER_MINUTE;
  const now = options.now ?? Date.now();
  const recentAttempts = (attempts.get(annotatorId) ?? []).filter((t) => now - t < WINDOW_MS);
  recentAttempts.push(now);
  attempts.set(annotatorId, recentAttempts);
  if (attempts.size > 10_000) pruneAttempts(now);
  if (recentAttempts.length > limit * 3) throw tooMany(limit);
  const recorded = await db.judgment.count({ where: { annotatorId, createdAt: { gt: new Date(now - WINDOW_MS) } } });
  if (recorded >= limit) throw tooMany(limit);
}

function tooMany(limit: number): AppError {
  return new AppError("RATE_LIMITED", `Too many answers: at most ${limit} a minute. Wait a moment, then continue.`);
}

function pruneAttempts(now: number): void {
  for (const [key, times] of attempts) if (times.every((t) => now - t >= WINDOW_MS)) attempts.delete(key);
}
