import { prepareDatabase } from "../support/stack";
import { AppError } from "../../lib/errors";

/**
 * Runs a CLI action against the database (DATABASE_URL or the embedded one), printing AppErrors
 * with their field issues and exiting non-zero, and always closing the connections.
 */
export async function withDatabase(action: () => Promise<void>): Promise<void> {
  const database = await prepareDatabase();
  const { disconnectDb } = await import("../../lib/db");
  try {
    await action();
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`error: ${error.message}`);
      for (const issue of error.issues.slice(0, 50)) console.error(`  ${issue.field}: ${issue.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await disconnectDb();
    await database.stop();
  }
}
