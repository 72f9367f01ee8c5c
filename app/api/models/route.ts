import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { listModels } from "@/lib/model-registry/list-models";
import { registerModel } from "@/lib/model-registry/register-model";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("models:read", async () => json(await listModels()));

export const POST = guardedRoute("models:write", async ({ request, user }) => {
  const body = await readJson(request, z.record(z.string(), z.unknown()));
  return json(await registerModel(user.id, body), { status: 201 });
});
