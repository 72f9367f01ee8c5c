import "server-only";
import { db } from "./db";

/** Liveness + database reachability, for load balancers and the test harness. */
export async function checkHealth(): Promise<{ ok: boolean; database: boolean }> {
  try {
    await db.$queryRaw`SELECT 1`;
    return { ok: true, database: true };
  } catch {
    return { ok: false, database: false };
  }
}
