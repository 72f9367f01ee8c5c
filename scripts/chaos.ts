/**
 * npm run chaos -- [--pairs 60] [--annotators 200] [--workers 2] [--kill-every 5] [--background-jobs 600]
 *                  [--image-size 128] [--think 1500,5000] [--timeout 480] [--reuse-build] [--report docs/RELIABILITY.md] [--corpus]
 *
 * 200 simulated annotators vote through the real HTTP API (`next start`) with retries and
 * idempotency keys while 2 worker processes generate; the harness kill -9s a worker every few
 * seconds (restarting it), restarts PostgreSQL once and the web server once, then checks that
 * nothing was lost or doubled. Prints the counts; exits 1 on any violation. See docs/RELIABILITY.md.
 */
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { acquireLock } from "../tests/support/lock";
import { parseChaosArgs } from "./chaos/options";
import { startChaosDatabase } from "./chaos/postgres";
import { RequestLog } from "./chaos/http-client";
import { Annotator, type ClientStats, type Ledger } from "./chaos/annotator";
import { WorkerPool } from "./chaos/workers";
import { campaignImagesCheck, judgmentChecks, serverErrorCheck, type CheckResult, type Window } from "./chaos/checks";
import { writeReliabilityReport, type ChaosResult } from "./chaos/report";

const options = parseChaosArgs(process.argv.slice(2));
// The corpus first (its e2e half takes the build lock itself), then the chaos run.
const corpusSection = options.corpus ? (await import("./chaos/corpus")).runCorpus() : undefined;
const runId = `${Date.now().toString(36)}-${randomBytes(2).toString("hex")}`;
const dataDir = path.resolve(".data/chaos", runId);
const started = Date.now();
const say = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

process.env.DATA_DIR = dataDir;
process.env.NEXT_DIST_DIR = ".next-e2e";
process.env.LOG_LEVEL ??= "warn";
// A killed worker's jobs are handed on after this long (queues are created by the launch below).
process.env.GENERATION_JOB_EXPIRE_SECONDS = String(options.jobExpireSeconds);
process.env.QUEUE_MAINTENANCE_SECONDS = "2";
const externalUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;

// The e2e build directory is shared: hold its lock for the whole run.
const releaseLock = await acquireLock(path.resolve(".next-e2e.lock"));
const database = await startChaosDatabase(dataDir, { externalUrl, restartCommand: options.pgRestart });
const { setEnv } = await import("../lib/env");
setEnv("DATABASE_URL", database.url);
const { migrate } = await import("../lib/db/migrate");
const { ensureAuthSecret } = await import("../lib/auth/auth-secret");
const { buildWeb, startWeb } = await import("./support/stack");
const { freePort } = await import("../lib/db/embedded-postgres");
const { db, disconnectDb } = await import("../lib/db");
const { stopBoss } = await import("../lib/queue/boss");
const { seedChaos } = await import("./chaos/seed");
await migrate(database.url);
ensureAuthSecret();
say(`PostgreSQL (${database.kind}) ready; data in ${path.relative(process.cwd(), dataDir)}`);

if (!(options.reuseBuild && existsSync(".next-e2e/BUILD_ID"))) {
  say("building the web app (next build)…");
  await buildWeb({ force: true });
}
const seed = await seedChaos({
  pairs: options.pairs,
  annotators: options.annotators,
  backgroundJobs: options.backgroundJobs,
  imageSize: options.imageSize,
});
await stopBoss();
const port = await freePort();
// The web server's stderr (its error logs) goes to <data>/web.log, kept with --keep-data.
const webLog = createWriteStream(path.join(dataDir, "web.log"), { flags: "a" });
const serve = async () => {
  // Every simulated annotator joins from this one machine's address: lift the per-address join
  // throttle (a real crowd arrives from many addresses; JOIN_RATE_LIMIT_PER_HOUR).
  const server = await startWeb({
    port,
    quiet: true,
    env: { LOG_LEVEL: "error", JOIN_RATE_LIMIT_PER_HOUR: "1000000" },
  });
  server.process.stderr?.pipe(webLog, { end: false });
  return server;
};
let web = await serve();
say(
  `web at ${web.url}; ${options.annotators} annotators, ${options.workers} workers, ${options.pairs} pairs, ${seed.background?.plannedImages ?? 0} background images`,
);

const workers = new WorkerPool(options.workers, { LOG_LEVEL: "error" });
process.on("exit", () => {
  workers.killAll();
  if (web.process.exitCode === null) web.process.kill("SIGKILL");
});
const log = new RequestLog();
const ledger: Ledger = { acknowledged: new Map(), conflictingAcks: [] };
const stats: ClientStats = { retries: 0, recovered: 0, gaveUp: 0, gone: 0, unexpected: [], replays: 0 };
const windows: Window[] = [];
const deadline = started + options.timeoutSeconds * 1000;
let stopVoting = false;

// kill -9 a worker every few seconds for the whole run (generating, or waiting for re-delivered jobs).
let generationDone = false;
const killer = (async () => {
  while (!stopVoting) {
    await sleep(options.killEverySeconds * 1000 * (0.6 + Math.random() * 0.8));
    if (!stopVoting) workers.killOne();
  }
})();

const joined = { ok: 0, failed: 0 };
const annotators = Array.from({ length: options.annotators }, (_, n) =>
  (async () => {
    await sleep(Math.random() * options.arrivalSeconds * 1000);
    const a = new Annotator(n, () => web.url, log, ledger, stats, {
      campaignId: seed.voting.campaignId,
      joinPath: seed.voting.joinPath,
      thinkMs: options.thinkMs,
      deadline,
    });
    if (!(await a.join())) return void joined.failed++;
    joined.ok++;
    await a.vote(() => stopVoting);
  })(),
);

const totalCells = await db.criterion
  .findMany({ where: { campaignId: seed.voting.campaignId }, select: { judgmentsPerPair: true } })
  .then((c) => c.reduce((s, x) => s + x.judgmentsPerPair, 0) * options.pairs);
let pgRestarted = false;
let webRestarted = false;
let lastLine = 0;
for (;;) {
  await sleep(1000);
  let judged = 0;
  let pending = 0;
  try {
    [judged, pending] = await Promise.all([
      db.judgment.count({ where: { pair: { campaignId: seed.voting.campaignId } } }),
      db.generationJob.count({
        where: {
          campaignId: { in: [seed.voting.campaignId, seed.background?.campaignId ?? ""] },
          status: { not: "done" },
        },
      }),
    ]);
  } catch {
    continue; // PostgreSQL is restarting
  }
  generationDone = pending === 0;
  if (Date.now() - lastLine > 10_000) {
    lastLine = Date.now();
    const errors = log.entries.filter((e) => e.status >= 500);
    const where = [...new Set(errors.slice(-20).map((e) => `${e.status} ${e.path.replace(/c[a-z0-9]{20,}/g, ":id")}`))]
      .slice(0, 3)
      .join(", ");
    say(
      `judgments ${judged}/${totalCells}, jobs left ${pending}, joined ${joined.ok}, worker kills ${workers.kills}, 5xx ${errors.length}${where ? ` (${where})` : ""}, retries ${stats.retries}`,
    );
  }
  if (!pgRestarted && judged >= totalCells * 0.3) {
    pgRestarted = true;
    const from = Date.now();
    say(`restarting PostgreSQL (${database.kind})…`);
    await database.restart();
    windows.push({ what: "PostgreSQL restart", from, to: Date.now() + options.graceSeconds * 1000 });
    say(`PostgreSQL back after ${((Date.now() - from) / 1000).toFixed(1)} s`);
  } else if (pgRestarted && !webRestarted && judged >= totalCells * 0.6) {
    webRestarted = true;
    const from = Date.now();
    say("restarting the web server…");
    await web.stop();
    web = await serve();
    windows.push({ what: "web server restart", from, to: Date.now() + options.graceSeconds * 1000 });
    say(`web server back after ${((Date.now() - from) / 1000).toFixed(1)} s`);
  }
  if (judged >= totalCells && generationDone && pgRestarted && webRestarted) break;
  if (Date.now() > deadline) {
    say("deadline reached: stopping");
    break;
  }
}
stopVoting = true;
generationDone = true;
await Promise.all(annotators);
await killer;
say("stopping workers and the web server…");
await workers.stop();
await web.stop();

const checks: CheckResult[] = [
  await campaignImagesCheck("voting campaign", seed.voting.campaignId, seed.voting.plannedImages),
  ...(seed.background
    ? [await campaignImagesCheck("background campaign", seed.background.campaignId, seed.background.plannedImages)]
    : []),
  ...(await judgmentChecks(seed.voting.campaignId, ledger)),
  serverErrorCheck(log.entries, windows),
  {
    name: "clients recover by retry",
    ok: stats.gaveUp === 0 && joined.failed === 0 && stats.unexpected.length === 0 && pgRestarted && webRestarted,
    detail: `${joined.ok} joined by link (${joined.failed} failed), ${stats.retries} retried attempts, ${stats.recovered} requests recovered, ${stats.replays} replayed answers, ${stats.gone} answers refused as no longer needed (410), ${stats.gaveUp} gave up, ${log.networkErrors} network errors${stats.unexpected.length ? `; unexpected: ${stats.unexpected.slice(0, 3).join(" | ")}` : ""}`,
  },
];
const crashesOutside = workers.crashTimes.filter((t) => !windows.some((w) => t >= w.from && t <= w.to)).length;
checks.push({
  name: "workers exit only when killed (or while PostgreSQL restarts)",
  ok: crashesOutside === 0,
  detail: `${workers.kills} kill -9s, ${workers.starts} starts, ${workers.crashes} exits not caused by the harness (${crashesOutside} outside the restart windows; the supervisor restarts them)`,
});
const result: ChaosResult = {
  runId,
  finishedAt: new Date().toISOString(),
  seconds: Math.round((Date.now() - started) / 1000),
  database: database.kind,
  options: {
    pairs: options.pairs,
    annotators: options.annotators,
    workers: options.workers,
    backgroundImages: seed.background?.plannedImages ?? 0,
  },
  faults: {
    workerKills: workers.kills,
    workerCrashes: workers.crashes,
    workerStarts: workers.starts,
    windows: windows.map((w) => ({ what: w.what, seconds: Math.round((w.to - w.from) / 100) / 10 })),
  },
  checks,
  ok: checks.every((c) => c.ok),
};

await disconnectDb();
await database.stop();
releaseLock();

console.log("\nChaos run " + (result.ok ? "PASSED" : "FAILED") + ` in ${result.seconds} s`);
for (const c of checks) console.log(`  ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);
console.log(
  `  faults: ${workers.kills} worker kill -9s (${workers.starts} worker starts, ${workers.crashes} crashes), ${windows.map((w) => w.what).join(", ")}`,
);
mkdirSync(".data/chaos", { recursive: true });
writeFileSync(".data/chaos/last.json", JSON.stringify(result, null, 2));
if (options.report) {
  await writeReliabilityReport(options.report, result, corpusSection);
  console.log(`  report: ${options.report}`);
}
if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
process.exit(result.ok ? 0 : 1);
