import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { submitRanking, submitRankingSchema } from "@/lib/ranking/submit-ranking";
import { noteJudgmentAttempt } from "@/lib/access/rate-limit";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ request, user }) => {
  const rateLimit = noteJudgmentAttempt(user.id);
  const body = await readJson(request, submitRankingSchema);
  const result = await submitRanking(user.id, body, { rateLimit });
  return json(result, { status: result.replayed ? 200 : 201 });
});
