import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, ensureDatabaseExists } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";

/**
 * Integration tests run on real PostgreSQL: the server at DATABASE_URL when set, otherwise an
 * embedded one in .data/test-pg. Migrations are applied once to a template database; every test
 * file then gets its own database cloned from it (tests/support/database-per-file.ts), so files
 * run in parallel without seeing each other's rows.
 */
declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
    runId: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres(path.resolve(".data/test-pg"));
  const serverUrl = external ? withDatabase(external, "postgres") : embedded!.url("postgres");
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const templateDb = `photogenic_tpl_${runId}`;
  await ensureDatabaseExists(serverUrl, templateDb);
  await migrate(withDatabase(serverUrl, templateDb));

  project.provide("serverUrl", serverUrl);
  project.provide("templateDb", templateDb);
  project.provide("runId", runId);

  return async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const dbs = await client.query<{ datname: string }>("select datname from pg_database where datname like $1", [
      `photogenic_%${runId}%`,
    ]);
    for (const { datname } of dbs.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
  };
}

export { withDatabase };
