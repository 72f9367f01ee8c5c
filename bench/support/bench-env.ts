import path from "node:path";
import { setEnv } from "../../lib/env";

/**
 * A bench's environment, set as this module loads: DATA_DIR = .data/bench-<the bench's file name>
 * (its own embedded PostgreSQL and image folder) and quiet logs. A bench imports it before any
 * other lib/ module (some read the environment as they load, e.g. lib/logger.ts), so the rest can
 * be ordinary static imports.
 */
export const BENCH_NAME = `bench-${path.parse(process.argv[1] ?? "bench").name}`;
export const BENCH_DATA_DIR = path.resolve(".data", BENCH_NAME);
setEnv("DATA_DIR", BENCH_DATA_DIR);
setEnv("LOG_LEVEL", "warn");
