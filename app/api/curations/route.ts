import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { submitCurationSchema, submitCurationVote } from "@/lib/curation/submit-curation";
import { noteJudgmentAttempt } from "@/lib/access/rate-limit";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ request, user }) => {
  const rateLimit = noteJudgmentAttempt(user.id);
  const body = await readJson(request, submitCurationSchema);
  const result = await submitCurationVote(user.id, body, { rateLimit });
  return json(result, { status: result.replayed ? 200 : 201 });
});
