import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { previewPromptSubset } from "@/lib/prompts/preview-prompt-subset";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("prompts:read", async ({ request, params }) => {
  const spec = await readJson(request, z.unknown());
  return json(await previewPromptSubset(String(params.id), spec));
});
