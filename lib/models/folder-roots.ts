import { existsSync, realpathSync } from "node:fs";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "../env";

/**
 * Folders named in model configs are server paths chosen by researchers, so each kind has one
 * root the operator chose, and nothing outside it is listed, read or written: import sources in
 * IMPORT_ROOT (default `<DATA_DIR>/imports`), onnx model folders in MODELS_ROOT (default
 * `<DATA_DIR>/models`, where `npm run demo` builds the demo graphs), derived like the image
 * store's `<DATA_DIR>/images`. A relative path is taken inside the root. Containment is checked on
 * the real path (symbolic links resolved), at registration and again when the folder is used.
 */
export type FolderRoot = "IMPORT_ROOT" | "MODELS_ROOT";

export function folderRoot(root: FolderRoot): string {
  const configured = root === "IMPORT_ROOT" ? env.IMPORT_ROOT : env.MODELS_ROOT;
  return path.resolve(configured ?? path.join(env.DATA_DIR, root === "IMPORT_ROOT" ? "imports" : "models"));
}

/** The local image store's folder (lib/storage): never an import source, whatever the root. */
function imageStoreDir(): string {
  return path.resolve(env.DATA_DIR, "images");
}

export class OutsideRootError extends Error {
  constructor(root: FolderRoot, how = "") {
    super(`must be inside ${root} (${folderRoot(root)})${how}; a relative path is taken inside it`);
    this.name = "OutsideRootError";
  }
}

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/** The real path of `p`: its deepest existing ancestor resolved through symbolic links, plus the rest. */
function realPathOf(p: string): string {
  let existing = p;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = existsSync(existing) ? realpathSync(existing) : existing;
  return path.join(real, path.relative(existing, p));
}

/**
 * `p` resolved inside `root` (synchronous: config validation is). Throws OutsideRootError, whose
 * message names the root, never what lies outside it, and reads the same whether or not `p` exists.
 */
export function pathInsideRoot(root: FolderRoot, p: string): string {
  const dir = folderRoot(root);
  const abs = path.resolve(dir, p);
  if (!inside(dir, abs)) throw new OutsideRootError(root);
  const realRoot = realPathOf(dir);
  if (!inside(realRoot, realPathOf(abs))) throw new OutsideRootError(root, " (a symbolic link leads out of it)");
  if (root === "IMPORT_ROOT" && [abs, realPathOf(abs)].some((x) => inside(imageStoreDir(), x)))
    throw new OutsideRootError(root, " and outside the image store");
  return abs;
}

/** The check again where a file is about to be read (symbolic links may have changed since). */
export async function assertInsideRoot(root: FolderRoot, abs: string): Promise<void> {
  pathInsideRoot(root, abs);
  const real = await realpath(abs).catch(() => undefined);
  if (real !== undefined && !inside(await realpath(folderRoot(root)).catch(() => folderRoot(root)), real))
    throw new OutsideRootError(root, " (a symbolic link leads out of it)");
}

/** A config field naming a folder (or file) inside `root`; parses to the absolute path. */
export function folderInRoot(root: FolderRoot) {
  return z
    .string()
    .min(1)
    .transform((p, ctx) => {
      try {
        return pathInsideRoot(root, p);
      } catch (error) {
        if (!(error instanceof OutsideRootError)) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
        return z.NEVER;
      }
    });
}
