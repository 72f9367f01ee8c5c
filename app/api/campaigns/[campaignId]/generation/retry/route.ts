import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { retryFailedJobs, retryJobsSchema } from "@/lib/generation/enqueue-campaign-jobs";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("campaign:write", async ({ request, user, params }) => {
  const { jobIds } = await readJson(request, retryJobsSchema);
  return json({ requeued: await retryFailedJobs(user, String(params.campaignId), jobIds) });
});
