import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { ensureDatabaseExists } from "../../lib/db/embedded-postgres";
import { listMigrations, migrate } from "../../lib/db/migrate";
import { diffSchemas, readSchema } from "../../scripts/migrations/prisma-diff";
import { describeCatalog } from "../support/catalog";
import { withDatabase } from "../support/global-setup";

const serverUrl = inject("serverUrl");
const fresh = async (label: string) => {
  const name = `photogenic_${label}_${inject("runId")}_${randomBytes(3).toString("hex")}`;
  await ensureDatabaseExists(serverUrl, name);
  return withDatabase(serverUrl, name);
};

describe("migrations", () => {
  it("build exactly the database schema.prisma describes (fails when a migration is missing)", async () => {
    const migrated = await fresh("mig");
    await migrate(migrated);
    const fromSchema = await fresh("schema");
    const sql = await diffSchemas(null, readSchema(), serverUrl);
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(sql);
    await client.end();
    const [a, b] = await Promise.all([describeCatalog(migrated), describeCatalog(fromSchema)]);
    expect(a, "schema.prisma changed without a migration: run `npm run db:new-migration -- <name>`").toEqual(b);
  });

  it("keep the snapshot of the last migrated schema equal to schema.prisma", () => {
    const snapshot = readFileSync(path.resolve("prisma/migrated.prisma.snapshot"), "utf8");
    expect(snapshot, "schema.prisma changed without a migration: run `npm run db:new-migration -- <name>`").toBe(
      readSchema(),
    );
  });

  it("record Prisma's bookkeeping and are idempotent", async () => {
    const url = await fresh("book");
    const first = await migrate(url);
    expect(first.applied).toEqual(listMigrations().map((m) => m.name));
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], alreadyApplied: listMigrations().length });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = await client.query(
      `select migration_name, checksum, finished_at, applied_steps_count, rolled_back_at from "_prisma_migrations" order by migration_name`,
    );
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(listMigrations().map((m) => m.name));
    for (const [i, row] of rows.rows.entries()) {
      expect(row.checksum).toBe(listMigrations()[i].checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("refuse a migration edited after it was applied", async () => {
    const url = await fresh("edit");
    await migrate(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`update "_prisma_migrations" set checksum = repeat('0', 64)`);
    await client.end();
    await expect(migrate(url)).rejects.toThrow(/modified after it was applied/);
  });
});
