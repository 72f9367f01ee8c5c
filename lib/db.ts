import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

/**
 * The one Prisma client, for the web app and the workers alike. Created on first use so a
 * launcher can start the embedded PostgreSQL and set DATABASE_URL before anything connects.
 */
const globalForDb = globalThis as unknown as { photogenicDb?: PrismaClient; photogenicPreparedPool?: pg.Pool };

function create(): PrismaClient {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start through `npm run demo`/`npm run dev`, or set DATABASE_URL.");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20, options: SESSION_OPTIONS }) });
}

/**
 * Prisma keeps DateTime columns (timestamp without time zone) in UTC; sessions run in UTC too, so
 * SQL that writes or compares now() / localtimestamp agrees with it whatever the server's zone.
 */
const SESSION_OPTIONS = "-c TimeZone=UTC";

export function getDb(): PrismaClient {
  globalForDb.photogenicDb ??= create();
  return globalForDb.photogenicDb;
}

/**
 * A small pool of its own for the hot paths' prepared statements (lib/db/prepared.ts). Its
 * sessions use generic plans at once: PostgreSQL's default keeps re-planning a statement whose
 * generic plan merely looks costlier, and planning was half of those statements' cost.
 */
export function getPreparedPool(): pg.Pool {
  if (!globalForDb.photogenicPreparedPool) {
    const connectionString = env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    // Waiting up to 15 s for a connection under a burst of votes beats failing them (as VOTING_TX).
    const pool = new pg.Pool({
      connectionString,
      max: 10,
      connectionTimeoutMillis: 15_000,
      options: `${SESSION_OPTIONS} -c plan_cache_mode=force_generic_plan`,
    });
    // An idle connection dropped by the server (a restart) is replaced on next use; without a
    // listener its error would crash the process.
    pool.on("error", () => {});
    globalForDb.photogenicPreparedPool = pool;
  }
  return globalForDb.photogenicPreparedPool;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const client = getDb();
    const value = Reflect.get(client, key, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const [client, prepared] = [globalForDb.photogenicDb, globalForDb.photogenicPreparedPool];
  globalForDb.photogenicDb = undefined;
  globalForDb.photogenicPreparedPool = undefined;
  await client?.$disconnect();
  await prepared?.end().catch(() => {});
}

export type { PrismaClient };
export * from "./generated/prisma/client";
