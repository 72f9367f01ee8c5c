import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import packageJson from "../../package.json";
import { env } from "../env";

export interface CodeVersion {
  version: string;
  /** The git commit the code was built from; null when neither PHOTOGENIC_COMMIT nor a .git is there. */
  commit: string | null;
}

let cached: CodeVersion | undefined;

/**
 * The code version recorded in every report. Read once per process: a report must not change
 * because someone committed while it was being made.
 */
export function codeVersion(): CodeVersion {
  cached ??= { version: packageJson.version, commit: env.PHOTOGENIC_COMMIT ?? gitCommit(process.cwd()) };
  return cached;
}

/** HEAD's commit from the .git folder (no git binary needed, which deployed images often lack). */
function gitCommit(root: string): string | null {
  try {
    const gitDir = path.join(root, ".git");
    if (!existsSync(path.join(gitDir, "HEAD"))) return null;
    const head = readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return /^[0-9a-f]{40}$/.test(head) ? head : null;
    const ref = head.slice(5);
    const loose = path.join(gitDir, ref);
    if (existsSync(loose)) return readFileSync(loose, "utf8").trim();
    const packed = readFileSync(path.join(gitDir, "packed-refs"), "utf8")
      .split("\n")
      .find((l) => l.endsWith(` ${ref}`));
    return packed ? packed.slice(0, 40) : null;
  } catch {
    return null;
  }
}
