import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { vote, voteSchema } from "@/lib/annotation/vote";
import { noteJudgmentAttempt } from "@/lib/access/rate-limit";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ request, user }) => {
  // Attempts are counted before the body is read; recorded judgments inside submitJudgment's
  // first statement (one round trip fewer than a separate count).
  const rateLimit = noteJudgmentAttempt(user.id);
  const body = await readJson(request, voteSchema);
  const result = await vote(user.id, body, { rateLimit });
  return json(result, { status: result.replayed ? 200 : 201 });
});
