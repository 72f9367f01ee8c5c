import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

/**
 * The one Prisma client, for the web app and the workers alike. Created on first use so a
 * launcher can start the embedded PostgreSQL and set DATABASE_URL before anything connects.
 */
const globalForDb = globalThis as unknown as { photogenicDb?: PrismaClient };

function create(): PrismaClient {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start through `npm run demo`/`npm run dev`, or set DATABASE_URL.");
  }
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20 }) });
}

export function getDb(): PrismaClient {
  globalForDb.photogenicDb ??= create();
  return globalForDb.photogenicDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const client = getDb();
    const value = Reflect.get(client, key, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await globalForDb.photogenicDb?.$disconnect();
  globalForDb.photogenicDb = undefined;
}

export type { PrismaClient };
export * from "./generated/prisma/client";
