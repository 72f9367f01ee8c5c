// Runs after `npm ci`: generates the Prisma client offline. Prisma 7's generator needs no
// engine, but its CLI tries to download one unless PRISMA_SCHEMA_ENGINE_BINARY names a file.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

if (existsSync("node_modules/prisma/build/index.js")) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
}
