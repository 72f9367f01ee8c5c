import { guardedRoute, json } from "@/lib/http/route";
import { importPromptSet, PromptImportError } from "@/lib/prompts/import-prompt-set";
import { listPromptSets } from "@/lib/prompts/list-prompt-sets";
import { promptImportProblem, readPromptUpload } from "@/lib/prompts/prompt-upload";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("prompts:read", async () => json({ promptSets: await listPromptSets() }));

export const POST = guardedRoute("prompts:write", async ({ request, user }) => {
  const upload = await readPromptUpload(request);
  try {
    return json(await importPromptSet({ ...upload, userId: user.id }), { status: 201 });
  } catch (error) {
    if (error instanceof PromptImportError) return promptImportProblem(error);
    throw error;
  }
});
