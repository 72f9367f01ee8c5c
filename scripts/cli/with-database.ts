import { prepareDatabase } from "../support/stack";
import { AppError } from "../../lib/errors";

/**
 * Runs a CLI action with the database up and migrated (DATABASE_URL or the embedded one), prints
 * AppErrors with their field issues, and always closes the connections and stops what it started.
 * Exits explicitly on failure: the embedded PostgreSQL's exit hook (async-exit-hook) turns a plain
 * `process.exitCode = 1` into exit status 0 on `beforeExit`.
 */
export async function withDatabase(action: () => Promise<void>): Promise<void> {
  let failed = false;
  const database = await prepareDatabase();
  const { disconnectDb } = await import("../../lib/db");
  try {
    await action();
  } catch (error) {
    failed = true;
    console.error(`error: ${(error as Error).message}`);
    if (error instanceof AppError)
      for (const issue of error.issues.slice(0, 50)) console.error(`  ${issue.field}: ${issue.message}`);
  } finally {
    await disconnectDb();
    await database.stop();
  }
  if (failed || process.exitCode) process.exit(Number(process.exitCode) || 1);
}
