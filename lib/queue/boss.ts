import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import { env } from "../env";

/**
 * pg-boss in the same PostgreSQL (schema `pgboss`): no broker to run. One instance per process.
 * Generation has one queue per model, so a worker can serve chosen models (`--models`) and every
 * batch it claims belongs to one warm adapter.
 */
export function generateQueueFor(modelId: string): string {
  return `generate__${modelId}`;
}

export function isGenerateQueue(name: string): boolean {
  return name.startsWith("generate__");
}

let boss: PgBoss | undefined;
let starting: Promise<PgBoss> | undefined;

export async function getBoss(): Promise<PgBoss> {
  if (boss) return boss;
  starting ??= (async () => {
    const connectionString = env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    const instance = new PgBoss({
      connectionString,
      schema: "pgboss",
      max: 4,
      maintenanceIntervalSeconds: env.QUEUE_MAINTENANCE_SECONDS,
    });
    instance.on("error", () => {
      // pg-boss reports transient connection errors here; it retries by itself.
    });
    await instance.start();
    boss = instance;
    return instance;
  })();
  // A failed start (database down) must not poison later attempts.
  starting.catch(() => (starting = undefined));
  return starting;
}

const knownQueues = new Set<string>();

/** Creates the queue once (idempotent across processes). */
export async function ensureQueue(name: string): Promise<void> {
  if (knownQueues.has(name)) return;
  const instance = await getBoss();
  if (!(await instance.getQueue(name))) {
    await instance
      .createQueue(name, {
        name,
        policy: "standard",
        retryLimit: 4,
        retryDelay: 2,
        retryBackoff: true,
        expireInSeconds: env.GENERATION_JOB_EXPIRE_SECONDS,
      })
      .catch(async (error: Error) => {
        // Another process created it between our check and our insert.
        if (!(await instance.getQueue(name))) throw error;
      });
  }
  knownQueues.add(name);
}

export async function stopBoss(): Promise<void> {
  const instance = boss;
  boss = undefined;
  starting = undefined;
  knownQueues.clear();
  await instance?.stop({ graceful: true, wait: true, timeout: 10_000 });
}

/** A stable UUID for a natural key, so sending the same job twice inserts it once. */
export function stableJobUuid(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
