import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type { CurrentUser } from "../auth/guard";
import { csvLine } from "../results/csv";
import { imageStore } from "../storage/storage";
import { groupBy } from "../group-by";
import { STAGE_RULES_SEPARATOR, stageRuleWords } from "../stats/curation";
import { loadCuration, type CurationRecords, type StoredCurationVote } from "./curation-records";
import { tarBlocks, type TarFile } from "./tar";

/**
 * The accepted set of a curation campaign as a fine-tuning dataset (issue 22), in the Hugging Face
 * `imagefolder` layout: the survivors' images (the stored originals, PNG) and `metadata.jsonl`, one
 * line `{"file_name": …, "text": caption}` per image, in pool order; beside them `manifest.csv`,
 * one row per vote: which image, at which stage, who (pseudonym; expert or crowd), accept or
 * reject, the stage's decision on the image, and the campaign's stage rules; a candidate nobody
 * has voted on yet has a row of its own with the vote empty, so the manifest lists the whole pool
 * and `photogenic analyze` reads back the results page's figures from it
 * (lib/stats/io/curation-manifest-csv.ts). Written to a folder or streamed as a .tar.gz.
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
  "stage_rules",
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

/**
 * The manifest: one row per vote, stage by stage, in pool order, then oldest first; a candidate
 * without a vote at its stage as one row with annotator, role, vote and time empty. Every row
 * carries the campaign's stage rules in words ("majority of 3 | at least 2 of 2 accept").
 */
export function manifestCsv(records: CurationRecords): string {
  const survivors = new Set(records.summary.survivors);
  const rules = records.summary.stages.map((s) => stageRuleWords(s.rule)).join(STAGE_RULES_SEPARATOR);
  const lines = [csvLine(MANIFEST_COLUMNS)];
  for (const stage of records.summary.stages) {
    const votes = groupBy(
      records.votes.filter((v) => v.stage === stage.stage),
      (v) => v.imageId,
    );
    for (const d of stage.decisions) {
      const fileName = records.images.get(d.imageId)!.fileName;
      const row = (v: StoredCurationVote | null) =>
        csvLine([
          stage.stage,
          fileName,
          d.imageId,
          v?.annotator ?? "",
          v ? (v.expert ? "expert" : "crowd") : "",
          v ? (v.accept ? "accept" : "reject") : "",
          d.decision,
          survivors.has(d.imageId),
          v?.createdAt.toISOString() ?? "",
          rules,
        ]);
      const mine = votes.get(d.imageId) ?? [];
      if (mine.length === 0) lines.push(row(null));
      for (const v of mine) lines.push(row(v));
    }
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
