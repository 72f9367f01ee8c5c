import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";

/**
 * The built-in logical dump, used when no pg_dump of the server's major version is installed
 * (the embedded PostgreSQL is 18; Debian ships 15). Every table of the `public` schema except
 * Prisma's bookkeeping is written as gzipped JSON lines (`to_jsonb(row)`), read through a cursor
 * inside the caller's snapshot; restore inserts them back with `jsonb_populate_recordset`, parents
 * before children (foreign keys), in one transaction.
 */
const SCHEMA = "public";
const SKIP = new Set(["_prisma_migrations"]);
const FETCH = 2000;
const INSERT_BATCH = 1000;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (table: string) => `${quoteIdent(SCHEMA)}.${quoteIdent(table)}`;
export const tableFile = (dir: string, table: string) => path.join(dir, `${table}.jsonl.gz`);

/** The app's tables, parents before children. */
export async function tablesInDependencyOrder(client: pg.ClientBase): Promise<string[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [SCHEMA],
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT cc.relname AS child, pc.relname AS parent FROM pg_constraint k
     JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_class pc ON pc.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = cc.relnamespace
     WHERE k.contype = 'f' AND n.nspname = $1 AND cc.relname <> pc.relname`,
    [SCHEMA],
  );
  const names = tables.rows.map((r) => r.name).filter((n) => !SKIP.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges.rows) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && [...parents.get(n)!].every((p) => placed.has(p) || !parents.has(p)),
    );
    if (ready.length === 0)
      throw new Error(`Foreign-key cycle among ${names.filter((n) => !placed.has(n)).join(", ")}`);
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

/** Writes every table to `<dir>/<table>.jsonl.gz`; the caller holds the snapshot transaction. */
export async function dumpTables(client: pg.ClientBase, dir: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [i, table] of (await tablesInDependencyOrder(client)).entries()) {
    const gzip = createGzip();
    const out = createWriteStream(tableFile(dir, table));
    gzip.pipe(out);
    const cursor = `photogenic_dump_${i}`;
    await client.query(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${qualified(table)} t`,
    );
    let rows = 0;
    for (;;) {
      const page = await client.query<{ r: string }>(`FETCH ${FETCH} FROM ${cursor}`);
      if (page.rows.length === 0) break;
      if (!gzip.write(page.rows.map((x) => x.r).join("\n") + "\n")) await once(gzip, "drain");
      rows += page.rows.length;
    }
    await client.query(`CLOSE ${cursor}`);
    gzip.end();
    await once(out, "close");
    counts[table] = rows;
  }
  return counts;
}

/**
 * Empties the app's tables and loads the dump, in the caller's transaction. Tables the dump does
 * not have (added by a later migration) stay empty; the caller migrates forward afterwards.
 * The tables' own triggers are off during the load (as `pg_dump --disable-triggers` does): the
 * dump already holds what they maintain (`Pair.completedAssignments`, counted by triggers on
 * `"Assignment"`), and firing them again on the loaded rows would count everything twice.
 * Foreign-key checks are internal triggers and stay on.
 */
export async function loadTables(
  client: pg.ClientBase,
  dir: string,
  tables: string[],
): Promise<Record<string, number>> {
  const present = await tablesInDependencyOrder(client);
  const missing = tables.filter((t) => !present.includes(t));
  if (missing.length)
    throw new Error(`The target database has no table ${missing.join(", ")}: its schema is older than the backup`);
  if (present.length) await client.query(`TRUNCATE ${present.map(qualified).join(", ")} CASCADE`);
  const loaded = present.filter((t) => tables.includes(t));
  for (const table of loaded) await client.query(`ALTER TABLE ${qualified(table)} DISABLE TRIGGER USER`);
  const counts: Record<string, number> = {};
  for (const table of loaded) {
    const columns = await tableColumns(client, table);
    let batch: string[] = [];
    let rows = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      // Only the columns the dump has: a column added by a later migration keeps its default.
      const dumped = Object.keys(JSON.parse(batch[0]) as object)
        .filter((c) => columns.includes(c))
        .map(quoteIdent)
        .join(", ");
      await client.query(
        `INSERT INTO ${qualified(table)} (${dumped}) SELECT ${dumped} FROM jsonb_populate_recordset(NULL::${qualified(table)}, $1::jsonb)`,
        [`[${batch.join(",")}]`],
      );
      rows += batch.length;
      batch = [];
    };
    const lines = createInterface({
      input: createReadStream(tableFile(dir, table)).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (line.trim() === "") continue;
      batch.push(line);
      if (batch.length >= INSERT_BATCH) await flush();
    }
    await flush();
    counts[table] = rows;
  }
  for (const table of loaded) await client.query(`ALTER TABLE ${qualified(table)} ENABLE TRIGGER USER`);
  return counts;
}

async function tableColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [SCHEMA, table],
  );
  return rows.map((r) => r.name);
}

/** Row counts of the app's tables (for the backup record and the round-trip check). */
export async function countRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesInDependencyOrder(client)) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualified(table)}`);
    counts[table] = Number(rows[0].n);
  }
  return counts;
}
