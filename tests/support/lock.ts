import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isAlive } from "../../lib/db/postgres-utils";

/**
 * A cross-process lock on a directory (mkdir is atomic). A lock whose holder died is taken over.
 * Used where test runs share one resource (the e2e build directory).
 */
export async function acquireLock(dir: string, timeoutMs = 15 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(path.join(dir, "pid"), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch {
      let holder = 0;
      try {
        holder = Number(readFileSync(path.join(dir, "pid"), "utf8").trim());
      } catch {
        // The holder has created the directory but not yet written its pid.
      }
      if (holder && !isAlive(holder)) {
        rmSync(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${dir} (held by pid ${holder})`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
