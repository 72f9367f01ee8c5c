import type { ChildProcess } from "node:child_process";

/**
 * Stops a child process: SIGTERM, then SIGKILL if it has not exited after `graceMs`. Resolves when
 * it has exited (at once if it already had).
 */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), graceMs).unref();
  });
}
