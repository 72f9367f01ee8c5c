/**
 * npm run worker -- [--concurrency N] [--device cpu|cuda:N] [--models a,b] [--batch N]
 * One process per GPU. Connects to DATABASE_URL, or to the embedded PostgreSQL that
 * `npm run demo` runs (starting it when none runs).
 */
import { ensureDatabase } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { disconnectDb } from "../lib/db";
import { parseWorkerArgs } from "../lib/generation/worker-options";
import { startGenerationWorker } from "../lib/generation/generation-worker";
import { logger } from "../lib/logger";

let options;
try {
  options = parseWorkerArgs(process.argv.slice(2));
} catch (error) {
  console.error(`worker: ${(error as Error).message}`);
  process.exit(2);
}

const database = await ensureDatabase();
await migrate(database.url);
const worker = await startGenerationWorker(options);

const shutdown = async (signal: string) => {
  logger.info({ signal }, "stopping worker");
  await worker.stop();
  await disconnectDb();
  await database.stop();
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
