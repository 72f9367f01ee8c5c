import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import type { ImageStore } from "../storage/storage";
import { copyImagesOut, readManifestRows, type ImageManifest } from "./image-manifest";
import { findPgTools, runTool, serverMajor } from "./pg-tools";
import { countRows, dumpTables } from "./table-dump";

/**
 * `photogenic backup`: one consistent snapshot of the database (pg_dump's custom format when a
 * pg_dump of the server's major version is installed, otherwise the built-in JSON-lines dump)
 * and the image manifest read in the same snapshot, with the image files copied out of a local
 * store. Images are content-addressed and never rewritten, so every key the snapshot names
 * already exists when it is copied.
 */
export const BACKUP_FILE = "backup.json";
export const DUMP_FILE = "database.dump";
export const TABLES_DIR = "tables";
export const MANIFEST_FILE = "images.json";

export const backupRecordSchema = z.object({
  formatVersion: z.literal(1),
  createdAt: z.string(),
  database: z.object({
    format: z.enum(["pg_dump", "jsonl"]),
    serverVersion: z.string(),
    tool: z.string().nullable(),
    migrations: z.array(z.string()),
    tables: z.record(z.string(), z.number()),
  }),
  images: z.object({ mode: z.enum(["copied", "listed"]), count: z.number(), files: z.number(), problems: z.number() }),
});
export type BackupRecord = z.infer<typeof backupRecordSchema>;

export interface BackupOptions {
  databaseUrl: string;
  out: string;
  store: ImageStore;
  /** "listed" for an S3-compatible store: the manifest only, the bucket has its own backups. */
  images: "copied" | "listed";
  /** Force the built-in dump even when pg_dump is available (tests). */
  format?: "pg_dump" | "jsonl" | "auto";
  pgBinDirs?: string[];
}

export async function backup(options: BackupOptions): Promise<BackupRecord> {
  const out = path.resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty: back up into a new folder`);
  await mkdir(out, { recursive: true });

  const server = await serverMajor(options.databaseUrl);
  const tools = options.format === "jsonl" ? null : await findPgTools(server.major, options.pgBinDirs);
  if (options.format === "pg_dump" && !tools)
    throw new Error(`No pg_dump ${server.major} found (the server is PostgreSQL ${server.version})`);

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let record: BackupRecord;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    let tables: Record<string, number>;
    if (tools) {
      // pg_dump joins our snapshot, so the dump and the manifest see the same rows.
      const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
      await runTool(tools.pgDump, [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${rows[0].id}`,
        `--file=${path.join(out, DUMP_FILE)}`,
        `--dbname=${options.databaseUrl}`,
      ]);
      tables = await countRows(client);
    } else {
      const dir = path.join(out, TABLES_DIR);
      await mkdir(dir);
      tables = await dumpTables(client, dir);
    }
    const migrations = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const images = await readManifestRows(client);
    await client.query("COMMIT");

    const problems = options.images === "copied" ? await copyImagesOut(options.store, images, out) : [];
    const manifest: ImageManifest = { mode: options.images, images, problems };
    await writeFile(path.join(out, MANIFEST_FILE), JSON.stringify(manifest, null, 1));
    record = {
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      database: {
        format: tools ? "pg_dump" : "jsonl",
        serverVersion: server.version,
        tool: tools ? `${tools.version} (${tools.pgDump})` : null,
        migrations: migrations.rows.map((r) => r.migration_name),
        tables,
      },
      images: {
        mode: options.images,
        count: images.length,
        files:
          options.images === "copied"
            ? new Set(images.flatMap((i) => [i.storageKey, i.displayKey ?? []]).flat()).size
            : 0,
        problems: problems.length,
      },
    };
    await writeFile(path.join(out, BACKUP_FILE), JSON.stringify(record, null, 2));
    if (problems.length) {
      throw new Error(
        `Backup written to ${out}, but ${problems.length} image(s) were missing or damaged in the store: ${problems
          .slice(0, 10)
          .map((p) => `${p.key} (${p.problem})`)
          .join("; ")}`,
      );
    }
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return record;
}
