import path from "node:path";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { chromiumPath } from "./browser";
import { acquireLock } from "../support/lock";

/**
 * End-to-end harness: its own database (embedded in .data/e2e, or a fresh database on the
 * DATABASE_URL server), migrations, demo seed, `next build` and `next start`. Specs drive the
 * served app in Debian's Chromium.
 */
declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  chromiumPath(); // fail first, with the install hint, when there is no browser
  // Everything of this run is its own (database, images, build), so runs never collide.
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const dataDir = path.resolve(".data/e2e", runId);
  // One build directory for e2e (Next rewrites tsconfig for any other); runs take turns on it.
  const releaseLock = await acquireLock(path.resolve(".next-e2e.lock"));
  process.env.DATA_DIR = dataDir;
  process.env.NEXT_DIST_DIR = ".next-e2e";
  if (process.env.DATABASE_URL) {
    const { ensureDatabaseExists } = await import("../../lib/db/embedded-postgres");
    const url = new URL(process.env.DATABASE_URL);
    const name = `photogenic_e2e_${runId.replace("-", "_")}`;
    url.pathname = "/postgres";
    await ensureDatabaseExists(url.toString(), name);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  }
  const { prepareDatabase, buildWeb, startWeb } = await import("../../scripts/support/stack");
  const { db, disconnectDb } = await import("../../lib/db");
  const { stopBoss } = await import("../../lib/queue/boss");
  const { startWorkerProcess } = await import("../../scripts/support/worker-process");
  const database = await prepareDatabase();
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const step of cleanups.reverse()) await step().catch(() => {});
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
    releaseLock();
  };
  // A failed setup (a broken build, say) must still stop what it started, or vitest hangs.
  try {
    const { seedDemo } = await import("../../lib/demo/seed-demo");
    // The harness's database is its own, made for this run: the demo logins belong there.
    const { campaignId } = await seedDemo({ embedded: database.embedded, demoData: true });
    await stopBoss();
    // The demo images come from a real worker, as in `npm run demo`; it runs beside the build.
    const worker = startWorkerProcess([], { quiet: true });
    cleanups.push(worker.stop);
    await buildWeb();
    await waitForDemoImages(db, campaignId);
    await worker.stop();
    await disconnectDb();
    const web = await startWeb({ quiet: true });
    cleanups.push(web.stop);
    project.provide("baseUrl", web.url);
    project.provide("e2eDatabaseUrl", database.url);
  } catch (error) {
    await disconnectDb().catch(() => {});
    await cleanUp();
    throw error;
  }
  return cleanUp;
}

async function waitForDemoImages(
  db: typeof import("../../lib/db").db,
  campaignId: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [left, campaign] = await Promise.all([
      db.generationJob.count({ where: { campaignId, status: { not: "done" } } }),
      db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } }),
    ]);
    if (left === 0 && campaign.status === "annotating") return;
    if (Date.now() > deadline)
      throw new Error(`The demo images were not generated in time (${left} jobs left, campaign ${campaign.status})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
