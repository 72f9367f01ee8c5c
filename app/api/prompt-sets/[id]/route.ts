import { guardedRoute, json } from "@/lib/http/route";
import { countPrompts } from "@/lib/prompts/count-prompts";
import { findPromptSet } from "@/lib/prompts/find-prompt-set";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("prompts:read", async ({ params }) => {
  const promptSet = await findPromptSet(String(params.id));
  return json({ promptSet, counts: await countPrompts(promptSet.id) });
});
