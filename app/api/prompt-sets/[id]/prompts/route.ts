import { guardedRoute, json } from "@/lib/http/route";
import { findPromptSet } from "@/lib/prompts/find-prompt-set";
import { listPrompts, parsePromptQuery } from "@/lib/prompts/list-prompts";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("prompts:read", async ({ request, params }) => {
  const query = parsePromptQuery(new URL(request.url).searchParams);
  const promptSet = await findPromptSet(String(params.id));
  return json(await listPrompts(promptSet.id, query));
});
