import "server-only";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError, type FieldIssue } from "../errors";
import { OutsideRootError, assertInsideRoot, pathInsideRoot } from "../models/folder-roots";
import { checkImageFile, DEFAULT_MAX_IMPORT_PIXELS } from "../models/import/check-image";
import { IMAGE_EXTENSIONS } from "../models/import/folder";

/**
 * An image folder with captions (issue 22, curation from any source), inside IMPORT_ROOT, in one
 * of two layouts:
 * - `metadata.jsonl` beside the images, one line per image `{"file_name": "…", "text": "…"}` — the
 *   Hugging Face imagefolder layout, the one the export writes (lib/curation/export-accepted-set.ts);
 * - a caption file per image: `cat.png` with `cat.txt` beside it (the common fine-tuning layout).
 * Every image is decoded completely (sharp, lib/models/import/check-image.ts). Every problem is
 * reported at once, each naming its file (and line): a missing caption file, an empty caption, a
 * line that is not JSON or lacks a field, a file listed twice or not found, an image that does not
 * decode, two images that would export under one name. Nothing is written.
 */
export const CAPTIONS_FILE = "metadata.jsonl";

export interface CurationFolderEntry {
  /** The file's name in the folder. */
  file: string;
  /** Where it is. */
  absPath: string;
  caption: string;
  /** The name it is exported under: the same for a PNG, with `.png` for a JPEG or WebP (stored as PNG). */
  exportName: string;
  width: number;
  height: number;
}

/** At most this many problems are listed (the first ones, in folder order). */
const MAX_ISSUES = 50;

export async function readCurationFolder(
  requested: string,
  options: { maxPixels?: number; field?: string } = {},
): Promise<CurationFolderEntry[]> {
  const field = options.field ?? "curation.imageFolder";
  const fail = (message: string): never => {
    throw new AppError("VALIDATION", `Invalid image folder: ${message}`, [{ field, message }]);
  };
  let dir = "";
  try {
    dir = pathInsideRoot("IMPORT_ROOT", requested);
    await assertInsideRoot("IMPORT_ROOT", dir);
  } catch (error) {
    if (!(error instanceof OutsideRootError)) throw error;
    fail(error.message);
  }
  // The folder is the researcher's, inside IMPORT_ROOT: nothing for the bundler to trace.
  const info = await stat(/*turbopackIgnore: true*/ dir).catch(() => null);
  if (!info) fail(`${requested}: no such folder`);
  if (!info!.isDirectory()) fail(`${requested}: not a folder`);

  const names = (await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b));
  const images = names.filter((n) => (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(n).toLowerCase()));
  const issues: FieldIssue[] = [];
  // Each issue is the spec's field (a spec file names its line); the message names the file and line in the folder.
  const problem = (where: string, message: string) => issues.push({ field, message: `${where}: ${message}` });

  const captions = names.includes(CAPTIONS_FILE)
    ? await captionsFromJsonl(dir, new Set(names), problem)
    : await captionsFromSidecars(dir, images, new Set(names), problem);
  if (images.length === 0 && issues.length === 0)
    fail(`${requested}: no images (${IMAGE_EXTENSIONS.join(", ")}) in the folder`);

  const entries: CurationFolderEntry[] = [];
  const exported = new Map<string, string>();
  for (const file of images) {
    if (issues.length >= MAX_ISSUES) break;
    const caption = captions.get(file);
    if (caption === undefined) {
      if (names.includes(CAPTIONS_FILE)) problem(file, `no caption: not listed in ${CAPTIONS_FILE}`);
      continue;
    }
    const check = await checkImageFile(path.join(dir, file), options.maxPixels ?? DEFAULT_MAX_IMPORT_PIXELS);
    if (!check.ok) {
      problem(file, `unreadable image: ${check.reason}`);
      continue;
    }
    const exportName = check.format === "png" ? file : `${file.slice(0, -path.extname(file).length)}.png`;
    const clash = exported.get(exportName.toLowerCase());
    if (clash) {
      problem(file, `would be exported as ${exportName}, like ${clash}; rename one of them`);
      continue;
    }
    exported.set(exportName.toLowerCase(), file);
    entries.push({
      file,
      absPath: path.join(dir, file),
      caption,
      exportName,
      width: check.width,
      height: check.height,
    });
  }
  if (issues.length > 0) {
    const shown = issues.slice(0, MAX_ISSUES);
    const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
    throw new AppError(
      "VALIDATION",
      `Invalid image folder ${requested}: ${shown.length} problem${shown.length === 1 ? "" : "s"}${more}; first: ${shown[0].message}`,
      shown,
    );
  }
  return entries;
}

type Problem = (where: string, message: string) => void;

/** metadata.jsonl: file name → caption; line problems reported as `metadata.jsonl:<line>`. */
async function captionsFromJsonl(dir: string, files: Set<string>, problem: Problem): Promise<Map<string, string>> {
  const captions = new Map<string, string>();
  const firstLine = new Map<string, number>();
  const lines = (await readFile(path.join(dir, CAPTIONS_FILE), "utf8")).replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((text, i) => {
    const where = `${CAPTIONS_FILE}:${i + 1}`;
    if (text.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (error) {
      return problem(where, `not a JSON line (${(error as Error).message})`);
    }
    if (!row || typeof row !== "object" || Array.isArray(row))
      return problem(where, 'expected an object {"file_name": …, "text": …}');
    const { file_name: file, text: caption } = row as Record<string, unknown>;
    if (typeof file !== "string" || file.trim() === "") return problem(where, "file_name is missing or not a string");
    if (typeof caption !== "string" || caption.trim() === "")
      return problem(where, `text (the caption of ${file}) is missing, empty or not a string`);
    if (file.includes("/") || file.includes("\\") || file.startsWith("."))
      return problem(where, `file_name ${JSON.stringify(file)} must name a file in this folder (no sub-folders)`);
    if (!(IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase()))
      return problem(where, `${file} is not a ${IMAGE_EXTENSIONS.join(", ")} image`);
    if (firstLine.has(file)) return problem(where, `${file} is listed twice (first on line ${firstLine.get(file)})`);
    firstLine.set(file, i + 1);
    if (!files.has(file)) return problem(where, `${file}: file not found in the folder`);
    captions.set(file, caption.trim());
  });
  return captions;
}

/** One `<name>.txt` beside each image. */
async function captionsFromSidecars(
  dir: string,
  images: string[],
  files: Set<string>,
  problem: Problem,
): Promise<Map<string, string>> {
  const captions = new Map<string, string>();
  for (const file of images) {
    const txt = `${file.slice(0, -path.extname(file).length)}.txt`;
    if (!files.has(txt)) {
      problem(file, `missing caption file ${txt} (or list every image in ${CAPTIONS_FILE})`);
      continue;
    }
    const caption = (await readFile(path.join(dir, txt), "utf8")).replace(/^\uFEFF/, "").trim();
    if (caption === "") problem(txt, "the caption is empty");
    else captions.set(file, caption);
  }
  return captions;
}
