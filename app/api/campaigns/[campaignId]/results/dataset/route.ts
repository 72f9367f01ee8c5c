import { Readable } from "node:stream";
import { guardedRoute } from "@/lib/http/route";
import { acceptedSetArchive } from "@/lib/curation/export-accepted-set";

export const dynamic = "force-dynamic";

/** A curation campaign's accepted set as a fine-tuning dataset: .tar.gz of the images, metadata.jsonl and manifest.csv. */
export const GET = guardedRoute("results:read", async ({ user, params }) => {
  const { name, stream } = await acceptedSetArchive(user, String(params.campaignId));
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${name}.tar.gz"`,
      "cache-control": "no-store",
    },
  });
});
