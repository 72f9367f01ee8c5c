import path from "node:path";

/**
 * A bench's own database and image folder: DATA_DIR = .data/<name> (an embedded PostgreSQL there,
 * or DATABASE_URL), migrated, quiet logs. Call before any lib/ import that reads the environment.
 */
export async function benchDatabase(name: string) {
  const dataDir = path.resolve(".data", name);
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = "warn";
  const { prepareDatabase } = await import("../../scripts/support/stack");
  const database = await prepareDatabase();
  const { db, disconnectDb } = await import("../../lib/db");
  return {
    dataDir,
    database,
    db,
    /** Disconnects Prisma and stops the embedded server when this bench started it. */
    close: async () => {
      await disconnectDb();
      await database.stop();
    },
  };
}
