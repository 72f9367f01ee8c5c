import type { Output } from "../../scripts/cli/analyze";

/** A command's output collected (the CLI commands take an Output; tests read what was written). */
export function captureOutput(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}
