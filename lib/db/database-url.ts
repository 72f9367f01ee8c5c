import path from "node:path";
import { env, setEnv } from "../env";
import { ensureDatabaseExists } from "./postgres-utils";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in `<DATA_DIR>/pg`, started here
 * (or reused when a sibling process such as `npm run demo` already runs it). Sets DATABASE_URL
 * for this process and its children, so everything after this call sees one database.
 */
export async function ensureDatabase(options: { log?: (msg: string) => void } = {}): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  // Loaded only when needed: the package hooks process exit and signals, which would cut short
  // the graceful shutdown of a worker that merely connects to a server.
  const { startEmbeddedPostgres } = await import("./embedded-postgres");
  const server = await startEmbeddedPostgres(path.join(env.DATA_DIR, "pg"), options.log);
  await ensureDatabaseExists(server.url("postgres"), "photogenic");
  const url = server.url("photogenic");
  setEnv("DATABASE_URL", url);
  return { url, embedded: true, stop: server.stop };
}
