import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, type DatabaseHandle } from "../../lib/db/database-url";
import { migrate } from "../../lib/db/migrate";
import { ensureAuthSecret } from "../../lib/auth/auth-secret";
import { freePort } from "../../lib/db/postgres-utils";
import { childProcessEnv, env } from "../../lib/env";
import { SERVER_NODE_OPTIONS } from "./server-node-options";
import { stopChild } from "./stop-child";

/**
 * Shared by `npm run demo`, the e2e runner and the benches: database up and migrated, the
 * Next.js app built and served by `next start` on a port of its own.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

export async function prepareDatabase(): Promise<DatabaseHandle> {
  const database = await ensureDatabase();
  await migrate(database.url);
  ensureAuthSecret();
  return database;
}

/**
 * `next build`, skipped when the build directory already holds a build of exactly these sources
 * (a content hash of what goes into the bundle), so the probe suite, the e2e suite and the
 * benches of one `npm test` build once. PHOTOGENIC_SKIP_BUILD=1 reuses any existing build.
 * `typecheck: false` (the demo) skips Next's type check, which `npm test` runs as `tsc --noEmit`;
 * the bundle is the same either way, so the fingerprint ignores it.
 */
export async function buildWeb(options: { force?: boolean; typecheck?: boolean } = {}): Promise<void> {
  const distDir = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next");
  const stamp = path.join(distDir, "photogenic-sources.sha256");
  const built = existsSync(path.join(distDir, "BUILD_ID"));
  if (!options.force && built && process.env.PHOTOGENIC_SKIP_BUILD === "1") return;
  const fingerprint = sourceFingerprint();
  if (!options.force && built && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) return;
  await run(process.execPath, [NEXT_BIN, "build"], {
    NEXT_TELEMETRY_DISABLED: "1",
    ...(options.typecheck === false ? { PHOTOGENIC_BUILD_TYPECHECK: "0" } : {}),
  });
  writeFileSync(stamp, fingerprint);
}

const BUILD_INPUTS = [
  "app",
  "lib",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (rel: string) => {
    const abs = path.join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) visit(path.join(rel, name));
    } else if (!/\.(test|integration\.test)\.tsx?$/.test(rel)) {
      hash.update(rel).update("\0").update(readFileSync(abs)).update("\0");
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

export interface WebServer {
  url: string;
  /** The PUBLIC_URL the server runs with: the operator's, else the address it listens on. */
  publicUrl: string;
  process: ChildProcess;
  stop: () => Promise<void>;
}

export async function startWeb(
  options: { port?: number; env?: Record<string, string>; quiet?: boolean; nodeArgs?: string[] } = {},
): Promise<WebServer> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // Links the app hands out (invitations, join links) use PUBLIC_URL; a local run's is this address.
  const publicUrl = options.env?.PUBLIC_URL ?? env.PUBLIC_URL ?? url;
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_OPTIONS, ...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: childProcessEnv({
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_TRUST_HOST: "true",
        NODE_ENV: "production",
        PUBLIC_URL: publicUrl,
        ...options.env,
      }),
      stdio: options.quiet ? ["ignore", "ignore", "pipe"] : ["ignore", "inherit", "inherit"],
    },
  );
  await waitForHealthy(url, child);
  return {
    url,
    publicUrl,
    process: child,
    stop: () => stopChild(child, 5000),
  };
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The web app did not answer at ${url} within ${timeoutMs} ms`);
}

export function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: childProcessEnv(extraEnv) });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(" ")} exited with ${code}`)),
    );
  });
}

/** Runs `cleanup` once on Ctrl-C / SIGTERM, then exits. */
export function onShutdown(cleanup: () => Promise<void>): void {
  let done = false;
  const handler = async (signal: string) => {
    if (done) return;
    done = true;
    console.log(`\n${signal}: stopping…`);
    await cleanup().catch((e) => console.error(e));
    process.exit(0);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
