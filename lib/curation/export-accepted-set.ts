import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type { CurrentUser } from "../auth/guard";
import { csvLine } from "../results/csv";
import { imageStore } from "../storage/storage";
import { loadCuration, type CurationRecords } from "./curation-records";
import { tarBlocks, type TarFile } from "./tar";

/**
 * The accepted set of a curation campaign as a fine-tuning dataset (issue 22), in the Hugging Face
 * `imagefolder` layout: the survivors' images (the stored originals, PNG) and `metadata.jsonl`, one
 * line `{"file_name": …, "text": caption}` per image, in pool order; beside them `manifest.csv`,
 * one row per vote: which image, at which stage, who (pseudonym; expert or crowd), accept or
 * reject, and the stage's decision on the image. Written to a folder or streamed as a .tar.gz.
 */
export const MANIFEST_COLUMNS = [
  "stage",
  "file_name",
  "image",
  "annotator",
  "role",
  "vote",
  "stage_decision",
  "in_dataset",
  "voted_at",
] as const;

export const METADATA_FILE = "metadata.jsonl";
export const MANIFEST_FILE = "manifest.csv";

/** The metadata.jsonl text of the survivors. */
export function metadataJsonl(records: CurationRecords): string {
  return records.summary.survivors
    .map((id) => records.images.get(id)!)
    .map((im) => `${JSON.stringify({ file_name: im.fileName, text: im.caption })}\n`)
    .join("");
}

/** The manifest: one row per vote, stage by stage, in pool order, then oldest first. */
export function manifestCsv(records: CurationRecords): string {
  const survivors = new Set(records.summary.survivors);
  const lines = [csvLine(MANIFEST_COLUMNS)];
  for (const stage of records.summary.stages) {
    const decision = new Map(stage.decisions.map((d) => [d.imageId, d.decision]));
    const votes = records.votes.filter((v) => v.stage === stage.stage && decision.has(v.imageId));
    const order = new Map(stage.decisions.map((d, i) => [d.imageId, i]));
    votes.sort((a, b) => order.get(a.imageId)! - order.get(b.imageId)! || +a.createdAt - +b.createdAt);
    for (const v of votes)
      lines.push(
        csvLine([
          v.stage,
          records.images.get(v.imageId)!.fileName,
          v.imageId,
          v.annotator,
          v.expert ? "expert" : "crowd",
          v.accept ? "accept" : "reject",
          decision.get(v.imageId)!,
          survivors.has(v.imageId),
          v.createdAt.toISOString(),
        ]),
      );
  }
  return lines.join("");
}

/** The dataset's files, images read from the store one at a time. */
async function* datasetFiles(records: CurationRecords, prefix: string): AsyncGenerator<TarFile> {
  const at = (name: string) => (prefix ? `${prefix}/${name}` : name);
  yield { name: at(METADATA_FILE), bytes: Buffer.from(metadataJsonl(records), "utf8") };
  yield { name: at(MANIFEST_FILE), bytes: Buffer.from(manifestCsv(records), "utf8") };
  const store = imageStore();
  for (const id of records.summary.survivors) {
    const image = records.images.get(id)!;
    yield { name: at(image.fileName), bytes: await store.get(image.storageKey) };
  }
}

/** A folder name for the archive: the campaign's name, made safe. */
export function datasetName(records: CurationRecords): string {
  const slug = records.campaign.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${slug || "curated"}-accepted`;
}

/** Writes the accepted set into `dir` (made when missing); returns how many images. */
export async function exportAcceptedSetToFolder(
  user: CurrentUser,
  campaignId: string,
  dir: string,
): Promise<{ images: number; dir: string }> {
  const records = await loadCuration(user, campaignId);
  await mkdir(dir, { recursive: true });
  for await (const file of datasetFiles(records, "")) await writeFile(path.join(dir, file.name), file.bytes);
  return { images: records.summary.survivors.length, dir };
}

/** The accepted set as a .tar.gz stream (one folder named after the campaign), for the download route. */
export async function acceptedSetArchive(
  user: CurrentUser,
  campaignId: string,
): Promise<{ name: string; stream: Readable }> {
  const records = await loadCuration(user, campaignId);
  const name = datasetName(records);
  const mtime = Math.floor(Date.now() / 1000);
  return { name, stream: Readable.from(tarBlocks(datasetFiles(records, name), mtime)).pipe(createGzip()) };
}

/** The manifest alone (the CSV route). */
export async function curationManifestCsv(user: CurrentUser, campaignId: string): Promise<string> {
  return manifestCsv(await loadCuration(user, campaignId));
}
