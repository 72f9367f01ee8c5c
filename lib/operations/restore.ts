import "server-only";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { listMigrations, migrate, MIGRATIONS_DIR } from "../db/migrate";
import type { ImageStore } from "../storage/storage";
import { BACKUP_FILE, backupRecordSchema, DUMP_FILE, MANIFEST_FILE, TABLES_DIR, type BackupRecord } from "./backup";
import { copyImagesIn, verifyBackupImages, verifyStoreHolds, type ImageManifest } from "./image-manifest";
import { findPgTools, runTool, serverMajor } from "./pg-tools";
import { countRows, loadTables } from "./table-dump";

/**
 * `photogenic restore DIR`: verifies every image file's sha256 against the manifest first
 * (nothing is written when one fails), then restores the database (pg_restore, or the built-in
 * loader in one transaction), migrates it forward to this code's migrations, and puts the images
 * into the store. Refuses a database that already holds data unless `force`.
 */
export interface RestoreOptions {
  databaseUrl: string;
  dir: string;
  store: ImageStore;
  force?: boolean;
  pgBinDirs?: string[];
}

export interface RestoreResult {
  record: BackupRecord;
  tables: Record<string, number>;
  imagesVerified: number;
  imagesCopied: number;
}

const manifestSchema = z.object({
  mode: z.enum(["copied", "listed"]),
  images: z.array(
    z.object({ imageId: z.string(), storageKey: z.string(), sha256: z.string(), displayKey: z.string().nullable() }),
  ),
  problems: z.array(z.object({ key: z.string(), problem: z.string() })),
});

async function readJsonFile<T extends z.ZodType>(file: string, schema: T): Promise<z.output<T>> {
  if (!existsSync(file)) throw new Error(`${file} is missing: not a photogenic backup folder`);
  const parsed = schema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const dir = path.resolve(options.dir);
  const record = await readJsonFile(path.join(dir, BACKUP_FILE), backupRecordSchema);
  const manifest: ImageManifest = await readJsonFile(path.join(dir, MANIFEST_FILE), manifestSchema);
  const known = new Set(listMigrations().map((m) => m.name));
  const unknown = record.database.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw new Error(
      `The backup was made by a newer Photogenic (migrations ${unknown.join(", ")}): restore with that version`,
    );

  // 1. Images first: a damaged backup is refused before anything is touched.
  const keys = await verifyBackupImages(dir, manifest);
  if (manifest.mode === "listed") await verifyStoreHolds(options.store, manifest);
  await refuseNonEmpty(options.databaseUrl, options.force ?? false);

  // 2. The database, at the backup's schema, then forward to this code's.
  if (record.database.format === "pg_dump") {
    const server = await serverMajor(options.databaseUrl);
    const tools = await findPgTools(server.major, options.pgBinDirs);
    if (!tools) throw new Error(`No pg_restore ${server.major} found for PostgreSQL ${server.version}`);
    await runTool(tools.pgRestore, [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      `--dbname=${options.databaseUrl}`,
      path.join(dir, DUMP_FILE),
    ]);
  } else {
    const subset = await migrationsUpTo(record.database.migrations);
    try {
      await migrate(options.databaseUrl, subset);
    } finally {
      await rm(subset, { recursive: true, force: true });
    }
    await withClient(options.databaseUrl, async (client) => {
      await client.query("BEGIN");
      try {
        await loadTables(client, path.join(dir, TABLES_DIR), Object.keys(record.database.tables));
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    });
  }
  await migrate(options.databaseUrl);

  // 3. The image files (content-addressed puts: restoring twice is harmless).
  const imagesCopied = await copyImagesIn(options.store, dir, keys);
  const tables = await withClient(options.databaseUrl, countRows);
  return {
    record,
    tables,
    imagesVerified: manifest.mode === "copied" ? keys.length : manifest.images.length,
    imagesCopied,
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const DATA_TABLES = ["User", "PromptSet", "Model", "Campaign"];

async function refuseNonEmpty(url: string, force: boolean): Promise<void> {
  if (force) return;
  const held = await withClient(url, async (client) => {
    const found: string[] = [];
    for (const table of DATA_TABLES) {
      const exists = await client.query("SELECT to_regclass($1) AS t", [`public."${table}"`]);
      if (!exists.rows[0].t) continue;
      const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM public."${table}") AS any`);
      if (rows[0].any) found.push(table);
    }
    return found;
  });
  if (held.length)
    throw new Error(
      `The target database already holds data (${held.join(", ")}): restore into an empty database, or pass --force to replace it`,
    );
}

/** A folder with only the migrations the backup had, so its rows load into the schema they were made in. */
async function migrationsUpTo(names: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "photogenic-migrations-"));
  for (const name of names) await cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  return dir;
}
