import "server-only";
import { db } from "./db";
import { run } from "./db/prepared";
import { PING } from "./db/statements";

/** Liveness + database reachability, for load balancers and the test harness. */
export async function checkHealth(): Promise<{ ok: boolean; database: boolean }> {
  try {
    await run(PING, [], db);
    return { ok: true, database: true };
  } catch {
    return { ok: false, database: false };
  }
}
