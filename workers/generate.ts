/**
 * npm run worker -- [--concurrency N] [--device cpu|cuda:N] [--models a,b] [--batch N]
 * One process per GPU. Connects to DATABASE_URL, or to the embedded PostgreSQL that
 * `npm run demo` runs (starting it when none runs).
 */
import { CommanderError } from "commander";
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
  if (error instanceof CommanderError && error.exitCode === 0) process.exit(0); // --help was printed
  console.error(`worker: ${(error as Error).message}`);
  process.exit(2);
}

// A worker may start while PostgreSQL restarts (a deploy, a failover): retry before giving up.
const STARTUP_ATTEMPTS = 8;
async function start() {
  for (let attempt = 1; ; attempt++) {
    try {
      const database = await ensureDatabase();
      await migrate(database.url);
      return { database, worker: await startGenerationWorker(options!) };
    } catch (error) {
      if (attempt >= STARTUP_ATTEMPTS) throw error;
      logger.warn({ attempt, err: (error as Error).message }, "worker start failed; retrying");
      await disconnectDb().catch(() => {});
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 8000)));
    }
  }
}
const { database, worker } = await start();

const shutdown = async (signal: string) => {
  logger.info({ signal }, "stopping worker");
  await worker.stop();
  await disconnectDb();
  await database.stop();
  process.exit(0);
};
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
