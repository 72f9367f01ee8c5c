import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { childProcessEnv } from "../../lib/env";
import { stopChild } from "./stop-child";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A generation worker as a child process (the same `workers/generate.ts` operators run). */
export function startWorkerProcess(
  args: string[] = [],
  options: { quiet?: boolean; env?: Record<string, string>; nodeArgs?: string[] } = {},
): {
  process: ChildProcess;
  stop: () => Promise<void>;
} {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      "--conditions=react-server",
      "--import",
      "tsx",
      path.join(ROOT, "workers/generate.ts"),
      ...args,
    ],
    {
      cwd: ROOT,
      env: childProcessEnv({ LOG_LEVEL: options.quiet ? "warn" : "info", ...options.env }),
      stdio: options.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
    },
  );
  return {
    process: child,
    stop: () => stopChild(child, 15_000),
  };
}
