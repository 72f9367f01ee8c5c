import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ensureDatabaseExists, startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

const run = promisify(execFile);

/**
 * The chaos run's PostgreSQL, restartable in place: an embedded server of its own in the run's
 * folder (lib/db/embedded-postgres.ts, restarted on the same data directory and port), or a fresh
 * database on the DATABASE_URL server, restarted with `pg_ctlcluster 15 main restart` (or
 * --pg-restart "cmd").
 */
export interface ChaosDatabase {
  url: string;
  kind: "embedded" | "external";
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function startChaosDatabase(
  dataDir: string,
  options: { externalUrl?: string; restartCommand?: string },
): Promise<ChaosDatabase> {
  if (options.externalUrl) {
    const server = new URL(options.externalUrl);
    const name = `photogenic_chaos_${path.basename(dataDir).replace(/\W/g, "_")}`;
    server.pathname = "/postgres";
    await ensureDatabaseExists(server.toString(), name);
    server.pathname = `/${name}`;
    const [command, ...args] = (options.restartCommand ?? "pg_ctlcluster 15 main restart").split(" ");
    return {
      url: server.toString(),
      kind: "external",
      restart: async () => void (await run(command, args)),
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres(path.resolve(dataDir, "pg"), () => {}, { maxConnections: 400 });
  await ensureDatabaseExists(server.url("postgres"), "photogenic");
  return { url: server.url("photogenic"), kind: "embedded", restart: server.restart, stop: server.stop };
}
