import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it, inject } from "vitest";
import { db } from "../db";
import { env } from "../env";
import { ensureDatabaseExists } from "../db/embedded-postgres";
import { migrate } from "../db/migrate";
import { imageStore, LocalImageStore } from "../storage/storage";
import { leaseAssignments } from "../assignment/lease-assignments";
import { submitJudgment } from "../judgments/submit-judgment";
import { joinCampaign, makeAnnotatingCampaign, makeAnnotators, uid } from "../../tests/support/factories";
import { withDatabase } from "../../tests/support/global-setup";
import { backup } from "./backup";
import { imageFile } from "./image-manifest";
import { restore } from "./restore";
import { countRows } from "./table-dump";

/** A campaign with images and votes, backed up, restored into a fresh database and image store. */
async function votedCampaign() {
  const { campaignId } = await makeAnnotatingCampaign({ pairs: 3, realImages: true });
  const annotators = await makeAnnotators(3);
  await joinCampaign(campaignId, annotators);
  for (const annotatorId of annotators) {
    const { leases } = await leaseAssignments(campaignId, annotatorId, 1);
    for (const criterionId of leases[0].criterionIds) {
      await submitJudgment(annotatorId, {
        assignmentId: leases[0].assignmentId,
        criterionId,
        choice: "left",
        idempotencyKey: uid("key-"),
        latencyMs: 900,
      });
    }
  }
  return campaignId;
}

async function freshDatabase(serverUrl = inject("serverUrl")): Promise<string> {
  const name = `photogenic_t_${inject("runId")}_restore_${randomBytes(3).toString("hex")}`;
  await ensureDatabaseExists(serverUrl, name);
  return withDatabase(serverUrl, name);
}

async function campaignFingerprint(url: string, campaignId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const judgments = await client.query(
      `SELECT j.id, j.choice, j."idempotencyKey", j."createdAt" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = $1 ORDER BY j.id`,
      [campaignId],
    );
    const images = await client.query(
      `SELECT id, "storageKey", sha256, metadata FROM "Image" WHERE "campaignId" = $1 ORDER BY id`,
      [campaignId],
    );
    const campaign = await client.query(`SELECT name, status, "completionCode" FROM "Campaign" WHERE id = $1`, [
      campaignId,
    ]);
    const criteria = await client.query(
      `SELECT key, choices, "judgmentsPerPair" FROM "Criterion" WHERE "campaignId" = $1 ORDER BY key`,
      [campaignId],
    );
    // Kept by triggers on "Assignment": a restore that loads pairs with their counts and then the
    // assignments (firing the triggers again) would double it.
    const pairs = await client.query(
      `SELECT id, "completedAssignments" FROM "Pair" WHERE "campaignId" = $1 ORDER BY id`,
      [campaignId],
    );
    return {
      pairs: pairs.rows,
      judgments: judgments.rows,
      images: images.rows,
      campaign: campaign.rows,
      criteria: criteria.rows,
      counts: await countRows(client),
    };
  } finally {
    await client.end();
  }
}

describe("backup and restore", () => {
  it(
    "round-trips a voted campaign (built-in dump): same rows, same judgments, images verified by sha256",
    { timeout: 120_000 },
    async () => {
      const campaignId = await votedCampaign();
      const out = path.join(await mkdtemp(path.join(tmpdir(), "photogenic-backup-")), "b");
      const record = await backup({
        databaseUrl: env.DATABASE_URL!,
        out,
        store: imageStore(),
        images: "copied",
        format: "jsonl",
      });
      expect(record.database.format).toBe("jsonl");
      expect(record.database.tables.Judgment).toBe(await db.judgment.count());
      expect(record.images.count).toBe(6);
      expect(record.images.problems).toBe(0);

      const target = await freshDatabase();
      const store = new LocalImageStore(await mkdtemp(path.join(tmpdir(), "photogenic-store-")));
      const result = await restore({ databaseUrl: target, dir: out, store });
      expect(result.imagesCopied).toBe(record.images.files);

      const [before, after] = [
        await campaignFingerprint(env.DATABASE_URL!, campaignId),
        await campaignFingerprint(target, campaignId),
      ];
      expect(after).toEqual(before);
      expect(after.pairs.some((p) => p.completedAssignments > 0)).toBe(true);
      expect(after.judgments.length).toBe(await db.judgment.count());
      for (const image of after.images) expect((await store.get(image.storageKey)).length).toBeGreaterThan(0);

      // A second restore into a database that holds data is refused without --force.
      await expect(restore({ databaseUrl: target, dir: out, store })).rejects.toThrow(/already holds data/);
      await restore({ databaseUrl: target, dir: out, store, force: true });
      expect(await campaignFingerprint(target, campaignId)).toEqual(before);
    },
  );

  it(
    "refuses a backup whose image bytes changed, naming the key, before touching the database",
    { timeout: 60_000 },
    async () => {
      await votedCampaign();
      const out = path.join(await mkdtemp(path.join(tmpdir(), "photogenic-backup-")), "b");
      await backup({ databaseUrl: env.DATABASE_URL!, out, store: imageStore(), images: "copied", format: "jsonl" });
      const first = (await db.image.findFirstOrThrow()).storageKey;
      await writeFile(imageFile(out, first), Buffer.from("not the image"));
      const target = await freshDatabase();
      await expect(
        restore({
          databaseUrl: target,
          dir: out,
          store: new LocalImageStore(await mkdtemp(path.join(tmpdir(), "s-"))),
        }),
      ).rejects.toThrow(new RegExp(`${first}: sha256 mismatch`));
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      const tables = await client.query(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`);
      await client.end();
      expect(Number(tables.rows[0].n)).toBe(0);
    },
  );

  it(
    "uses pg_dump/pg_restore when the server's major version has them (the machine's PostgreSQL 15)",
    { timeout: 120_000 },
    async (ctx) => {
      const server = "postgresql://postgres@127.0.0.1:5432/postgres";
      const reachable = await new pg.Client({ connectionString: server, connectionTimeoutMillis: 1000 }).connect().then(
        (c) => void c,
        () => false,
      );
      const { findPgTools, serverMajor } = await import("./pg-tools");
      if (reachable === false || !(await findPgTools((await serverMajor(server)).major))) return ctx.skip();
      const source = await freshDatabase(server);
      await migrate(source);
      const client = new pg.Client({ connectionString: source });
      await client.connect();
      await client.query(
        `INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('u1', 'a@b.c', 'researcher', now())`,
      );
      await client.end();
      const out = path.join(await mkdtemp(path.join(tmpdir(), "photogenic-backup-")), "b");
      const record = await backup({
        databaseUrl: source,
        out,
        store: imageStore(),
        images: "copied",
        format: "pg_dump",
      });
      expect(record.database.format).toBe("pg_dump");
      expect(await readdir(out)).toContain("database.dump");
      const target = await freshDatabase(server);
      const result = await restore({ databaseUrl: target, dir: out, store: imageStore() });
      expect(result.tables.User).toBe(1);
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      for (const url of [source, target])
        await admin.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    },
  );
});
