import { guardedRoute } from "@/lib/http/route";
import { curationManifestCsv } from "@/lib/curation/export-accepted-set";

export const dynamic = "force-dynamic";

/** A curation campaign's manifest as CSV: every vote, who, which image, which stage, the stage's decision. */
export const GET = guardedRoute("results:read", async ({ user, params }) => {
  const campaignId = String(params.campaignId);
  return new Response(await curationManifestCsv(user, campaignId), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="curation-manifest-${campaignId}.csv"`,
      "cache-control": "no-store",
    },
  });
});
