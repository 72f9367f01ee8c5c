import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { ensureDatabaseExists } from "../../lib/db/embedded-postgres";
import { withDatabase } from "./global-setup";

/**
 * Setup file for the integration project: clones the migrated template into a database of this
 * test file's own and points DATABASE_URL at it before any test imports lib/db.
 */
const serverUrl = inject("serverUrl");
const name = `photogenic_t_${inject("runId")}_${randomBytes(4).toString("hex")}`;
await ensureDatabaseExists(serverUrl, name, inject("templateDb"));
process.env.DATABASE_URL = withDatabase(serverUrl, name);
process.env.DATA_DIR = `.data/test-files/${name}`;
