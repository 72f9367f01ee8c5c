import path from "node:path";
import type { Command } from "commander";
import { withDatabase } from "./with-database";

/** `photogenic backup [--out DIR]` and `photogenic restore DIR` (docs/OPERATIONS.md). */
export function registerBackupCommands(program: Command): void {
  program
    .command("backup")
    .description("Back up the database (pg_dump or the built-in dump) and the images (manifest + sha256-checked files)")
    .option(
      "--out <dir>",
      "folder to write (must be new or empty)",
      `backups/photogenic-${new Date().toISOString().replace(/[:.]/g, "-")}`,
    )
    .option(
      "--format <format>",
      "auto (pg_dump of the server's major version when installed) | pg_dump | jsonl",
      "auto",
    )
    .option("--pg-bin <dir>", "folder holding pg_dump/pg_restore (default: searched; also PHOTOGENIC_PG_BIN)")
    .action((opts: { out: string; format: "auto" | "pg_dump" | "jsonl"; pgBin?: string }) =>
      withDatabase(async () => {
        const [{ backup }, { imageStore }, { env }] = await Promise.all([
          import("../../lib/operations/backup"),
          import("../../lib/storage/storage"),
          import("../../lib/env"),
        ]);
        const record = await backup({
          databaseUrl: env.DATABASE_URL!,
          out: opts.out,
          store: imageStore(),
          images: env.S3_BUCKET ? "listed" : "copied",
          format: opts.format,
          pgBinDirs: pgBinDirs(opts.pgBin),
        });
        const rows = Object.values(record.database.tables).reduce((a, b) => a + b, 0);
        console.log(`Backup written to ${path.resolve(opts.out)}`);
        console.log(
          `  database: ${record.database.format}${record.database.tool ? ` via ${record.database.tool}` : ""}, PostgreSQL ${record.database.serverVersion}, ${rows} rows in ${Object.keys(record.database.tables).length} tables`,
        );
        console.log(
          `  images:   ${record.images.count} Image rows, ${record.images.mode === "copied" ? `${record.images.files} files copied and sha256-checked` : "listed (S3 store: back up the bucket itself)"}`,
        );
      }),
    );

  program
    .command("restore <dir>")
    .description(
      "Restore a backup folder into DATABASE_URL (or the embedded PostgreSQL) and the image store; verifies every sha256 first",
    )
    .option("--force", "replace a database that already holds data")
    .option("--pg-bin <dir>", "folder holding pg_dump/pg_restore")
    .action((dir: string, opts: { force?: boolean; pgBin?: string }) =>
      withDatabase(async () => {
        const [{ restore }, { imageStore }, { env }, { requeueUnfinishedJobs }, { stopBoss }] = await Promise.all([
          import("../../lib/operations/restore"),
          import("../../lib/storage/storage"),
          import("../../lib/env"),
          import("../../lib/operations/requeue-jobs"),
          import("../../lib/queue/boss"),
        ]);
        const result = await restore({
          databaseUrl: env.DATABASE_URL!,
          dir,
          store: imageStore(),
          force: opts.force,
          pgBinDirs: pgBinDirs(opts.pgBin),
        });
        const requeued =
          result.record.database.format === "jsonl" ? await requeueUnfinishedJobs(result.record.createdAt) : 0;
        await stopBoss();
        const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
        console.log(`Restored ${path.resolve(dir)} (made ${result.record.createdAt})`);
        console.log(`  database: ${rows} rows in ${Object.keys(result.tables).length} tables`);
        console.log(
          `  images:   ${result.imagesVerified} verified by sha256, ${result.imagesCopied} files put into the store`,
        );
        if (requeued) console.log(`  generation: ${requeued} unfinished jobs queued again`);
      }),
    );
}

function pgBinDirs(option?: string): string[] {
  return [option, process.env.PHOTOGENIC_PG_BIN].filter((d): d is string => Boolean(d));
}
