import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { assertInsideRoot, OutsideRootError, pathInsideRoot } from "../folder-roots";
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

/**
 * Read a manifest file or an image folder into candidate entries; decodes nothing, writes nothing.
 * The source and every file a manifest names must lie inside IMPORT_ROOT (checked here again, on
 * real paths, whatever the registration saw); a manifest line naming a file outside it is an error
 * that says only that, whether or not such a file exists.
 */
export async function listImportSource(requested: string): Promise<SourceListing> {
  let source: string;
  try {
    source = pathInsideRoot("IMPORT_ROOT", requested);
    await assertInsideRoot("IMPORT_ROOT", source);
  } catch (error) {
    if (error instanceof OutsideRootError) throw new Error(`import source: ${error.message}`);
    throw error;
  }
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
  const inside: SourceEntry[] = [];
  for (const e of entries) {
    const absPath = path.join(dir, e.file);
    try {
      await assertInsideRoot("IMPORT_ROOT", absPath);
    } catch (error) {
      if (!(error instanceof OutsideRootError)) throw error;
      issues.push({ line: e.line, reason: "the file is outside IMPORT_ROOT (a symbolic link leads out of it)" });
      continue;
    }
    inside.push({
      absPath,
      file: e.file,
      line: e.line,
      promptId: e.promptId,
      promptText: e.promptText,
      seed: e.seed,
    });
  }
  return { kind: "manifest", entries: inside, manifestErrors: issues, rejected: [] };
}
