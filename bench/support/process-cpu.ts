import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU seconds (user + system, all threads) used so far by a process, or summed over every
 * process with a given command name (PostgreSQL's backends). Linux only (/proc); elsewhere NaN.
 * Benches take two readings and report the difference, to show where a run's CPU went.
 */
const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node supports

function statFields(pid: string): { comm: string; cpu: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { comm, cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

export function processCpuSeconds(pid: number): number {
  return statFields(String(pid))?.cpu ?? NaN;
}

export function commandCpuSeconds(comm: string): number {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return NaN;
  }
  return pids.reduce((sum, pid) => {
    const stat = statFields(pid);
    return stat?.comm === comm ? sum + stat.cpu : sum;
  }, 0);
}

/**
 * CPU seconds used so far by each kind of thread of a process: "main" (the event loop), then by
 * thread name (Node names its worker threads, libuv's pool and V8's helpers all "node"; libvips
 * and onnxruntime name theirs). Threads that have ended are no longer counted, so compare
 * readings of long-lived threads only.
 */
export function threadCpuSeconds(pid: number): Record<string, number> {
  const byName: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byName;
  }
  for (const tid of tids) {
    const stat = statFields(`${pid}/task/${tid}`);
    const name = tid === String(pid) ? "main" : stat?.comm;
    if (stat && name) byName[name] = (byName[name] ?? 0) + stat.cpu;
  }
  return byName;
}
