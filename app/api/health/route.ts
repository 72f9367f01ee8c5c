import { guardedRoute, json } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("public", async () => {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
});
