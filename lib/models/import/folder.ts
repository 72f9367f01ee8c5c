import { readdir } from "node:fs/promises";
import path from "node:path";

/** Raster image extensions an import folder may contain. */
export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".webp"] as const;

export interface FolderEntry {
  file: string;
  promptId: string;
  seed?: number;
}

export interface FolderScan {
  entries: FolderEntry[];
  /** Files that can never be images for a prompt (wrong extension, SVG), with the reason. */
  rejected: { file: string; reason: string }[];
}

/**
 * Scan a folder whose file names are prompt ids, optionally with a `__<seed>` suffix:
 * `parti-0042.png`, `parti-0042__7.webp`. Hidden files are skipped (.DS_Store and friends).
 */
export async function scanImageFolder(dir: string): Promise<FolderScan> {
  const dirents = await readdir(dir, { withFileTypes: true });
  const entries: FolderEntry[] = [];
  const rejected: FolderScan["rejected"] = [];
  for (const d of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
    if (d.name.startsWith(".")) continue;
    if (!d.isFile()) {
      rejected.push({ file: d.name, reason: "not a regular file (sub-folders are not scanned)" });
      continue;
    }
    const ext = path.extname(d.name).toLowerCase();
    if (ext === ".svg") {
      rejected.push({
        file: d.name,
        reason: "SVG is not accepted: vector images render differently per browser; export a PNG",
      });
      continue;
    }
    if (!(IMAGE_EXTENSIONS as readonly string[]).includes(ext)) {
      rejected.push({
        file: d.name,
        reason: `unsupported extension "${ext || "(none)"}" (expected ${IMAGE_EXTENSIONS.join(", ")})`,
      });
      continue;
    }
    const base = d.name.slice(0, -ext.length);
    const m = /^(.+)__(\d+)$/.exec(base);
    if (m && Number.isSafeInteger(Number(m[2]))) entries.push({ file: d.name, promptId: m[1], seed: Number(m[2]) });
    else entries.push({ file: d.name, promptId: base });
  }
  return { entries, rejected };
}
