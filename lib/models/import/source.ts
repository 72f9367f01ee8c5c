import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { scanImageFolder } from "./folder";
import { MANIFEST_EXTENSIONS, parseManifest } from "./manifest";

/** A candidate image before any decoding: where it is and which prompt/seed it claims to be. */
export interface SourceEntry {
  /** Absolute path of the image file. */
  absPath: string;
  /** Name for reports: path relative to the manifest's folder, or the file name in a folder. */
  file: string;
  /** Manifest line (absent for folders). */
  line?: number;
  promptId?: string;
  promptText?: string;
  seed?: number;
}

export interface SourceListing {
  kind: "manifest" | "folder";
  entries: SourceEntry[];
  /** Manifest rows that could not be read at all. */
  manifestErrors: { line: number; reason: string }[];
  /** Files that cannot be candidates (wrong extension, SVG). */
  rejected: { file: string; reason: string }[];
}

/** Read a manifest file or an image folder into candidate entries; decodes nothing, writes nothing. */
export async function listImportSource(source: string): Promise<SourceListing> {
  const info = await stat(source).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`import source ${source}: ${err.code === "ENOENT" ? "does not exist" : err.message}`);
  });
  if (info.isDirectory()) {
    const scan = await scanImageFolder(source);
    return {
      kind: "folder",
      entries: scan.entries.map((e) => ({
        absPath: path.join(source, e.file),
        file: e.file,
        promptId: e.promptId,
        seed: e.seed,
      })),
      manifestErrors: [],
      rejected: scan.rejected,
    };
  }
  const ext = path.extname(source).toLowerCase();
  if (!(MANIFEST_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new Error(`import source ${source}: expected a folder or a manifest (${MANIFEST_EXTENSIONS.join(", ")})`);
  }
  const dir = path.dirname(source);
  const { entries, issues } = parseManifest(await readFile(source, "utf8"), source);
  return {
    kind: "manifest",
    entries: entries.map((e) => ({
      absPath: path.join(dir, e.file),
      file: e.file,
      line: e.line,
      promptId: e.promptId,
      promptText: e.promptText,
      seed: e.seed,
    })),
    manifestErrors: issues,
    rejected: [],
  };
}
