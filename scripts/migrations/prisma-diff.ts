import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * SQL that turns one Prisma schema into another, computed offline by Prisma 6.19's CLI through
 * the pg driver adapter (Prisma 7's `migrate` needs a native engine it cannot download here).
 * Only the two-datamodel form works offline; anything that introspects a database fails.
 * Needs a reachable PostgreSQL at `databaseUrl` (the adapter connects, nothing is changed).
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const PRISMA6 = path.join(ROOT, "node_modules/prisma6/build/index.js");

function withUrl(schema: string): string {
  // Prisma 6 insists on a url in the datasource; Prisma 7 forbids it. Feed 6 a copy.
  return schema.replace(/datasource\s+db\s*\{([^}]*)\}/, (_m, body: string) =>
    body.includes("url") ? `datasource db {${body}}` : `datasource db {${body}  url = env("DATABASE_URL")\n}`,
  );
}

export async function diffSchemas(fromSchema: string | null, toSchema: string, databaseUrl: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "photogenic-diff-"));
  try {
    const toFile = path.join(dir, "to.prisma");
    writeFileSync(toFile, withUrl(toSchema));
    const fromArgs =
      fromSchema === null ? ["--from-empty"] : ["--from-schema-datamodel", path.join(dir, "from.prisma")];
    if (fromSchema !== null) writeFileSync(path.join(dir, "from.prisma"), withUrl(fromSchema));
    const configFile = path.join(dir, "prisma6.config.ts");
    writeFileSync(
      configFile,
      `import { defineConfig } from ${JSON.stringify(path.join(ROOT, "node_modules/prisma6/config.js"))};
import { PrismaPg } from ${JSON.stringify(path.join(ROOT, "node_modules/@prisma/adapter-pg/dist/index.mjs"))};
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
  schema: ${JSON.stringify(toFile)},
});
`,
    );
    const { stdout } = await run(
      process.execPath,
      [PRISMA6, "migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script", "--config", configFile],
      {
        cwd: dir,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
        },
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readSchema(file = path.join(ROOT, "prisma/schema.prisma")): string {
  return readFileSync(file, "utf8");
}
