import { guardedRoute, json } from "@/lib/http/route";
import { importPromptSet, PromptImportError } from "@/lib/prompts/import-prompt-set";
import { listPromptSets } from "@/lib/prompts/list-prompt-sets";
import { readPromptUpload } from "@/lib/prompts/prompt-upload";
import { problemResponse } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("prompts:read", async () => json({ promptSets: await listPromptSets() }));

export const POST = guardedRoute("prompts:write", async ({ request, user }) => {
  const upload = await readPromptUpload(request);
  try {
    return json(await importPromptSet({ ...upload, userId: user.id }), { status: 201 });
  } catch (error) {
    // The whole report (warnings included) goes with the refusal, for the upload page.
    if (error instanceof PromptImportError) return problemResponse(error, { report: error.report });
    throw error;
  }
});
