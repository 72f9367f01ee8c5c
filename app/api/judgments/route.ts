import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { submitJudgment, submitJudgmentSchema } from "@/lib/judgments/submit-judgment";
import { enforceJudgmentRateLimit } from "@/lib/access/rate-limit";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", async ({ request, user }) => {
  await enforceJudgmentRateLimit(user!.id);
  const body = await readJson(request, submitJudgmentSchema);
  const result = await submitJudgment(user!.id, body);
  return json(result, { status: result.replayed ? 200 : 201 });
});
