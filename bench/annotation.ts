/**
 * Annotation throughput through the real stack: `next start` (production build), Auth.js
 * sessions, route handlers, Prisma, PostgreSQL. Each client is one annotator looping
 * "submit the judgment and receive the next pair" (one POST, as the voting page does) as fast as
 * the server answers. Beside it, in the same run and database and with the same concurrency: raw
 * single-row `pg` INSERTs, and the framework's ceiling (an unauthenticated POST the guard refuses
 * before any database work). Then, in Chromium, the time from a vote key press to the next pair's
 * images painted.
 *
 *   npx tsx --conditions=react-server bench/annotation.ts [--seconds 10] [--clients 50,200] [--votes 60]
 *     [--skip-paint] [--cpu-prof DIR]   (DIR receives a V8 CPU profile of each web-server process)
 *     [--pg-stats]   (the statements of each HTTP level by total time, from pg_stat_statements)
 *     [--think-ms N]   (each client waits N ms between votes, as a person looks at a pair; 0 = saturate)
 *
 * Own embedded PostgreSQL in .data/bench-annotation (or DATABASE_URL); builds into .next-e2e
 * under the e2e lock (PHOTOGENIC_SKIP_BUILD=1 reuses a build). Sessions are minted with Auth.js's
 * own JWE encoder (what a sign-in sets), so the measured path is the voting path alone.
 */
import path from "node:path";
import { cpus } from "node:os";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { benchArgs, number, numbers } from "./support/args";
import { benchDatabase } from "./support/database";
import { statementStats as pgStatementStats } from "./support/statement-stats";
import { commandCpuSeconds, processCpuSeconds } from "./support/process-cpu";

const values = benchArgs({
  seconds: { type: "string", default: "10" },
  clients: { type: "string", default: "50,200" },
  votes: { type: "string", default: "60" },
  "cpu-prof": { type: "string" },
  "skip-paint": { type: "boolean", default: false },
  "pg-stats": { type: "boolean", default: false },
  "think-ms": { type: "string", default: "0" },
});
const THINK_MS = number(values["think-ms"], "think-ms");
const SECONDS = number(values.seconds, "seconds");
const LEVELS = numbers(values.clients, "clients");
const VOTES = number(values.votes, "votes");
process.env.NEXT_DIST_DIR = ".next-e2e";

const { acquireLock } = await import("../tests/support/lock");
const release = await acquireLock(path.resolve(".next-e2e.lock"));
const { database, db, close } = await benchDatabase();
const { buildWeb, startWeb } = await import("../scripts/support/stack");
const { env } = await import("../lib/env");
const { encode } = await import("next-auth/jwt");
const { joinCampaign, makeAnnotatingCampaign, makeAnnotators } = await import("../tests/support/factories");

const CRITERION = [
  {
    key: "visual_appeal",
    question: "Ignoring the text prompt, which image is more appealing?",
    showPrompt: false,
    choices: ["left", "right", "tie"] as ("left" | "right" | "tie")[],
    judgmentsPerPair: 25,
  },
];

/** An annotating campaign of `pairs` pairs, one criterion; real PNGs only where a browser looks at them. */
async function campaign(pairs: number, realImages: boolean): Promise<string> {
  const made = await makeAnnotatingCampaign({ pairs, criteria: CRITERION, realImages, imageSize: 512 });
  return made.campaignId;
}

async function annotators(campaignId: string, n: number): Promise<string[]> {
  const ids = await makeAnnotators(n);
  await joinCampaign(campaignId, ids);
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return Promise.all(
    users.map(
      async (u) =>
        `authjs.session-token=${await encode({ token: { sub: u.id, role: "annotator", email: u.email }, secret: env.AUTH_SECRET!, salt: "authjs.session-token" })}`,
    ),
  );
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

const statementStats = async (reset: boolean) => {
  if (values["pg-stats"]) await pgStatementStats(database.url, { reset });
};

async function httpLevel(baseUrl: string, webPid: number, clients: number) {
  const campaignId = await campaign(400, false);
  const cookies = await annotators(campaignId, clients);
  // The campaign was inserted a moment ago: give the planner the statistics autovacuum would
  // gather within seconds on a running server (see the voting_tables_autoanalyze migration).
  await db.$executeRawUnsafe(`ANALYZE "Pair", "Assignment", "Judgment", "Image", "User", "Participation"`);
  await statementStats(true);
  const latencies: number[] = [];
  let errors = 0;
  const post = (cookie: string, url: string, body?: unknown) =>
    fetch(`${baseUrl}${url}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
  const deadline = { at: 0 };
  const client = async (cookie: string) => {
    let view = await (await post(cookie, `/api/annotate/${campaignId}/next`)).json();
    while (performance.now() < deadline.at && view.kind === "pair") {
      // Think time drawn uniformly in [0.5, 1.5] × N so clients do not vote in lock step.
      if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
      const t0 = performance.now();
      // As the voting page does: the pair's last answer asks for the next view in the same response.
      const submit = await post(cookie, "/api/judgments", {
        assignmentId: view.view.assignmentId,
        criterionId: view.view.criteria[0].id,
        choice: Math.random() < 0.5 ? "left" : "right",
        idempotencyKey: randomUUID(),
        latencyMs: 2000,
        nextFor: campaignId,
      });
      if (!submit.ok) errors++;
      const answer = await submit.json().catch(() => ({}));
      view = answer.next ?? (await (await post(cookie, `/api/annotate/${campaignId}/next`)).json());
      latencies.push(performance.now() - t0);
    }
  };
  const cpu = () => ({
    web: processCpuSeconds(webPid),
    postgres: commandCpuSeconds("postgres"),
    clients: process.cpuUsage(),
  });
  const cpu0 = cpu();
  const started = performance.now();
  deadline.at = started + SECONDS * 1000;
  await Promise.all(cookies.map(client));
  const seconds = (performance.now() - started) / 1000;
  const cpu1 = cpu();
  const clientCpu = (cpu1.clients.user + cpu1.clients.system - cpu0.clients.user - cpu0.clients.system) / 1e6;
  // CPU per judgment by process: the web server, PostgreSQL, and this process (the HTTP clients).
  const perJudgment = (s: number) => Number(((s / Math.max(1, latencies.length)) * 1000).toFixed(2));
  const cpuMs = {
    web: perJudgment(cpu1.web - cpu0.web),
    postgres: perJudgment(cpu1.postgres - cpu0.postgres),
    clients: perJudgment(clientCpu),
  };
  await statementStats(false);
  return {
    clients,
    cpuMs,
    judgmentsPerSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
    judgments: latencies.length,
  };
}

/**
 * The framework's own ceiling: POST /api/judgments with no session answers 401 from the guard
 * before any database work (the cookie is checked in memory), so this is Next.js's request
 * handling and the HTTP clients alone, at the same concurrency.
 */
async function ceilingLevel(baseUrl: string, clients: number) {
  let n = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const response = await fetch(`${baseUrl}/api/judgments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        });
        await response.arrayBuffer();
        if (response.status === 401) n++;
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

async function rawLevel(clients: number) {
  const pool = new pg.Pool({ connectionString: database.url, max: 20 });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_raw_judgment (id text PRIMARY KEY, pair_id text NOT NULL, annotator_id text NOT NULL, choice text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  let n = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < deadline) {
        await pool.query("INSERT INTO bench_raw_judgment (id, pair_id, annotator_id, choice) VALUES ($1, $2, $3, $4)", [
          randomUUID(),
          `p${n % 400}`,
          `a${c}`,
          "left",
        ]);
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - started) / 1000);
  await pool.end();
  return rate;
}

async function paintLevel(baseUrl: string) {
  const { launchBrowser } = await import("../tests/e2e/browser");
  const campaignId = await campaign(VOTES + 10, true);
  const [cookie] = await annotators(campaignId, 1);
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "authjs.session-token", value: cookie.split("=")[1], url: baseUrl }]);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/annotate/${campaignId}`);
  await page.getByRole("img", { name: "Left image" }).waitFor();
  const times: number[] = [];
  for (let i = 0; i < VOTES; i++) {
    await page.waitForTimeout(150); // the prefetch of the next pair has had a moment, as between human votes
    // A string, not a function: tsx's name helpers do not exist inside the page.
    await page.evaluate(`(() => {
      const before = document.querySelector('img[alt="Left image"]')?.src;
      const start = performance.now();
      window.paint = new Promise((resolve) => {
        const check = () => {
          const imgs = [...document.querySelectorAll('img[alt="Left image"], img[alt="Right image"]')];
          if (imgs.length === 2 && imgs[0].src !== before && imgs.every((img) => img.complete && img.naturalWidth > 0)) requestAnimationFrame(() => resolve(performance.now() - start));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    })()`);
    await page.keyboard.press("1");
    times.push(Number(await page.evaluate("window.paint")));
  }
  await browser.close();
  return { votes: VOTES, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) };
}

try {
  await buildWeb();
  const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
  const web = await startWeb({
    quiet: true,
    nodeArgs,
    env: { JUDGMENT_RATE_LIMIT_PER_MINUTE: "1000000", LOG_LEVEL: "warn" },
  });
  try {
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; ${SECONDS} s per level`);
    for (const clients of LEVELS) {
      const raw = await rawLevel(clients);
      const ceiling = await ceilingLevel(web.url, clients);
      const http = await httpLevel(web.url, web.process.pid!, clients);
      console.log(
        `${clients} clients: ${http.judgmentsPerSecond.toFixed(0)} judgments/s (submit + next), p50 ${http.p50.toFixed(1)} ms, p99 ${http.p99.toFixed(1)} ms, ` +
          `${http.errors} errors; raw pg INSERT ${raw.toFixed(0)}/s; ratio ${(http.judgmentsPerSecond / raw).toFixed(2)}; ` +
          `empty request (401 before any database work) ${ceiling.toFixed(0)}/s; ` +
          `CPU ms per judgment: web ${http.cpuMs.web}, PostgreSQL ${http.cpuMs.postgres}, clients ${http.cpuMs.clients}`,
      );
    }
    if (!values["skip-paint"]) {
      const paint = await paintLevel(web.url);
      console.log(
        `vote → next pair painted (Chromium, ${paint.votes} votes): p50 ${paint.p50.toFixed(1)} ms, p95 ${paint.p95.toFixed(1)} ms, max ${paint.max.toFixed(1)} ms`,
      );
    }
  } finally {
    await web.stop();
  }
} finally {
  await close();
  release();
}
