import "server-only";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { sha256Hex, type ImageStore } from "../storage/storage";
import { isValidKey } from "../storage/keys";

/**
 * The image half of a backup: every Image row's storage key with its sha256 (the original PNG)
 * and its display copy's key (content-addressed, so its sha256 is the key), plus the files
 * themselves copied from the store (`images/<key>`), or only the listing when the store is
 * S3-compatible and the bucket is backed up by its own means.
 */
export interface ManifestEntry {
  imageId: string;
  storageKey: string;
  sha256: string;
  displayKey: string | null;
}

export interface ImageManifest {
  mode: "copied" | "listed";
  images: ManifestEntry[];
  /** Keys that could not be read or whose bytes did not match at backup time. */
  problems: { key: string; problem: string }[];
}

const PARALLEL = 8;

export async function readManifestRows(client: pg.ClientBase): Promise<ManifestEntry[]> {
  const { rows } = await client.query<ManifestEntry>(
    `SELECT id AS "imageId", "storageKey", sha256, "displayKey" FROM "Image" ORDER BY id`,
  );
  return rows;
}

/** Expected sha256 of each key in the manifest (originals from the row, display copies from the key). */
export function expectedHashes(images: ManifestEntry[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const image of images) {
    keys.set(image.storageKey, image.sha256);
    if (image.displayKey) keys.set(image.displayKey, image.displayKey.split(".")[0]);
  }
  return keys;
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export const imageFile = (dir: string, key: string) => path.join(dir, "images", key.slice(0, 2), key);

/** Copies every image of the manifest out of the store, checking each sha256 on the way. */
export async function copyImagesOut(
  store: ImageStore,
  images: ManifestEntry[],
  dir: string,
): Promise<ImageManifest["problems"]> {
  const problems: ImageManifest["problems"] = [];
  await inParallel([...expectedHashes(images)], async ([key, sha256]) => {
    let bytes: Buffer;
    try {
      bytes = await store.get(key);
    } catch (error) {
      problems.push({ key, problem: `unreadable: ${(error as Error).message}` });
      return;
    }
    if (sha256Hex(bytes) !== sha256) problems.push({ key, problem: "sha256 does not match the Image row" });
    const file = imageFile(dir, key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  });
  return problems.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Reads back every image file of a backup and checks its sha256 against the manifest. Returns the
 * verified files (key → bytes path) or throws naming every bad key; nothing is written.
 */
export async function verifyBackupImages(dir: string, manifest: ImageManifest): Promise<string[]> {
  if (manifest.mode === "listed") return [];
  const bad: string[] = [];
  const keys = [...expectedHashes(manifest.images)];
  await inParallel(keys, async ([key, sha256]) => {
    if (!isValidKey(key)) return void bad.push(`${key}: not a storage key`);
    const file = imageFile(dir, key);
    if (!existsSync(file)) return void bad.push(`${key}: missing from the backup`);
    if (sha256Hex(await readFile(file)) !== sha256) bad.push(`${key}: sha256 mismatch`);
  });
  if (bad.length)
    throw new Error(`Backup images failed verification (${bad.length}): ${bad.sort().slice(0, 20).join("; ")}`);
  return keys.map(([key]) => key);
}

/** Puts verified backup files into the store (content-addressed: the key must come back the same). */
export async function copyImagesIn(store: ImageStore, dir: string, keys: string[]): Promise<number> {
  let copied = 0;
  await inParallel(keys, async (key) => {
    const bytes = await readFile(imageFile(dir, key));
    const stored = await store.put(bytes, key.endsWith(".webp") ? "webp" : "png");
    if (stored.key !== key) throw new Error(`Image ${key} was stored as ${stored.key}`);
    copied++;
  });
  return copied;
}

/** For a listed (S3) manifest: checks that the store still holds every key with the right bytes. */
export async function verifyStoreHolds(store: ImageStore, manifest: ImageManifest): Promise<void> {
  const bad: string[] = [];
  await inParallel([...expectedHashes(manifest.images)], async ([key, sha256]) => {
    const bytes = await store.get(key).catch(() => null);
    if (!bytes) bad.push(`${key}: not in the store`);
    else if (sha256Hex(bytes) !== sha256) bad.push(`${key}: sha256 mismatch`);
  });
  if (bad.length)
    throw new Error(
      `The image store does not hold the backup's images (${bad.length}): ${bad.sort().slice(0, 20).join("; ")}`,
    );
}
