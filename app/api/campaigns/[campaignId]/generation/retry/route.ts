import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { retryFailedJobs } from "@/lib/generation/enqueue-campaign-jobs";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ jobIds: z.array(z.string().min(1).max(64)).max(10_000).optional() });

export const POST = guardedRoute("campaign:write", async ({ request, user, params }) => {
  const { jobIds } = await readJson(request, bodySchema);
  return json({ requeued: await retryFailedJobs(user, String(params.campaignId), jobIds) });
});
