import { BENCH_DATA_DIR } from "./bench-env";
import { prepareDatabase } from "../../scripts/support/stack";
import { db, disconnectDb } from "../../lib/db";

/**
 * A bench's own database and image folder: DATA_DIR = .data/bench-<name> (bench-env.ts; an
 * embedded PostgreSQL there, or DATABASE_URL), migrated, quiet logs.
 */
export async function benchDatabase() {
  const database = await prepareDatabase();
  return {
    dataDir: BENCH_DATA_DIR,
    database,
    db,
    /** Disconnects Prisma and stops the embedded server when this bench started it. */
    close: async () => {
      await disconnectDb();
      await database.stop();
    },
  };
}
