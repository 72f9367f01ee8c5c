import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declaredStatements, type Statement } from "../../lib/db/prepared";

/**
 * Every raw statement of the app lives in a `statements.ts` module (lib/db/prepared.ts). This
 * file loads every such module found on disk, so a new one cannot be forgotten, and PREPAREs each
 * statement they declare against the migrated schema: a migration that breaks one fails here,
 * not in production. It also holds the layer's rules: unique names, row types that both drivers
 * read alike (no int8 or numeric column), and no raw SQL anywhere else.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SOURCE_ROOTS = ["lib", "scripts", "workers", "app"];
const SKIP = new Set(["node_modules", "generated"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const files = SOURCE_ROOTS.flatMap((root) => sourceFiles(path.join(ROOT, root)));
const modulePaths = files.filter((f) => path.basename(f) === "statements.ts");
const modules = new Map<string, Record<string, unknown>>();
for (const file of modulePaths) modules.set(rel(file), await import(file));
const statements = declaredStatements();

describe("the statements modules", () => {
  it("are found, and each declares statements", () => {
    expect(modulePaths.length).toBeGreaterThanOrEqual(10);
    const declared = new Set<unknown>(statements);
    for (const [file, exports] of modules) {
      expect(Object.values(exports).filter((value) => declared.has(value)).length, file).toBeGreaterThan(0);
    }
  });

  it("declare uniquely named statements", () => {
    expect(statements.length).toBeGreaterThan(0);
    const names = statements.map((s) => s.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  // Prisma's raw queries, or declaring a statement (which needs `statement` from lib/db/prepared).
  const RAW_SQL = /\$(query|execute)Raw|import\s*{[^}]*\bstatement\b[^}]*}\s*from\s*["'][./]*(lib\/)?db\/prepared["']/;

  it("are the only place raw SQL is written (tests and benches aside)", () => {
    const allowed = new Set(["lib/db/prepared.ts", ...modules.keys()]);
    const offenders = files
      .filter((file) => !allowed.has(rel(file)) && !/\.test\.tsx?$/.test(file))
      .filter((file) => RAW_SQL.test(readFileSync(file, "utf8")))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});

describe("every statement, PREPAREd against the migrated schema", () => {
  let client: pg.Client;
  let resultTypesKnown = false;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    // pg_prepared_statements.result_types exists from PostgreSQL 16 (the embedded server is 18).
    const { rows } = await client.query<{ version: number }>(
      "SELECT current_setting('server_version_num')::int AS version",
    );
    resultTypesKnown = rows[0].version >= 160000;
  });
  afterAll(() => client.end());

  // Types whose JS value differs between pg (a string) and Prisma (BigInt, Decimal): cast them.
  const DRIVER_DEPENDENT = ["bigint", "numeric"];

  it.each(statements.map((s): [string, Statement] => [s.name, s]))("%s", async (_name, sql) => {
    await client.query(`PREPARE statement_check AS ${sql.text}`);
    try {
      if (!resultTypesKnown) return;
      const { rows } = await client.query<{ results: string[] | null }>(
        `SELECT result_types::text[] AS results FROM pg_prepared_statements WHERE name = 'statement_check'`,
      );
      const results = rows[0].results ?? [];
      expect(results.filter((type) => DRIVER_DEPENDENT.includes(type))).toEqual([]);
    } finally {
      await client.query("DEALLOCATE statement_check");
    }
  });
});
