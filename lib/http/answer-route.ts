import "server-only";
import type { z } from "zod";
import type { CurrentUser } from "../auth/guard";
import { noteJudgmentAttempt } from "../access/rate-limit";
import { readJson } from "./problem";
import { json, type Handler } from "./route";

/**
 * The handler of an answer route (POST /api/judgments, /api/ratings, /api/rankings), for
 * guardedRoute("vote", …): the attempt is counted before the body is read (the answers recorded
 * are counted inside the use case's first statement, one round trip fewer than a separate count),
 * then `submit`; a new answer is a 201, a replayed one a 200.
 */
export function answerHandler<Schema extends z.ZodType>(
  schema: Schema,
  submit: (
    annotatorId: string,
    body: z.infer<Schema>,
    options: { rateLimit: number },
  ) => Promise<{ replayed: boolean }>,
): Handler<CurrentUser> {
  return async ({ request, user }) => {
    const rateLimit = noteJudgmentAttempt(user.id);
    const body = await readJson(request, schema);
    const result = await submit(user.id, body, { rateLimit });
    return json(result, { status: result.replayed ? 200 : 201 });
  };
}
