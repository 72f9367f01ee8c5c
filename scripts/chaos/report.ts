import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { CheckResult } from "./checks";

/**
 * docs/RELIABILITY.md, regenerated: the latest chaos run in full, the recent runs in a table (kept
 * in a JSON comment inside the file itself), and the bad-input corpus section (scripts/chaos/corpus.ts),
 * kept as it was unless the corpus ran with this run (--corpus).
 */
export interface ChaosResult {
  runId: string;
  finishedAt: string;
  seconds: number;
  database: string;
  options: { pairs: number; annotators: number; workers: number; backgroundImages: number };
  faults: {
    workerKills: number;
    workerCrashes: number;
    workerStarts: number;
    windows: { what: string; seconds: number }[];
  };
  checks: CheckResult[];
  ok: boolean;
}

const HISTORY = /<!-- chaos-history ([\s\S]*?) -->/;
const CORPUS = /<!-- corpus:start -->[\s\S]*<!-- corpus:end -->/;

export async function writeReliabilityReport(file: string, result: ChaosResult, corpusSection?: string): Promise<void> {
  const old = existsSync(file) ? readFileSync(file, "utf8") : "";
  const history: ChaosResult[] = [
    ...(HISTORY.exec(old) ? (JSON.parse(HISTORY.exec(old)![1]) as ChaosResult[]) : []),
    result,
  ].slice(-10);
  const corpus =
    corpusSection ??
    CORPUS.exec(old)?.[0] ??
    "<!-- corpus:start -->\n_Not recorded yet: run `npm run chaos -- --report docs/RELIABILITY.md --corpus`._\n<!-- corpus:end -->";
  writeFileSync(file, render(history, corpus));
}

function render(history: ChaosResult[], corpus: string): string {
  const latest = history[history.length - 1];
  const rows = history
    .slice()
    .reverse()
    .map((r) => {
      const judged =
        r.checks.find((c) => c.name.startsWith("acknowledged"))?.detail.match(/^(\d+) acknowledged/)?.[1] ?? "?";
      const fivexx =
        r.checks.find((c) => c.name.startsWith("no 5xx"))?.detail.match(/(\d+) 5xx, of them (\d+) outside/) ?? [];
      return `| ${r.finishedAt.slice(0, 19).replace("T", " ")} | ${r.ok ? "pass" : "**FAIL**"} | ${r.seconds} s | ${r.options.annotators} / ${r.options.pairs} / ${r.options.workers} | ${judged} | ${r.faults.workerKills} | ${fivexx[1] ?? "?"} (${fivexx[2] ?? "?"} outside) | ${r.database} |`;
    });
  return `# Reliability

What Photogenic is shown to survive, and how to show it again. Regenerate this file with

\`\`\`sh
npm run chaos -- --report docs/RELIABILITY.md             # a chaos run (a few minutes on 2 cores); appends to the table
npm run chaos -- --report docs/RELIABILITY.md --corpus    # the bad-input corpus first, then the chaos run
\`\`\`

## Chaos run (\`npm run chaos\`, scripts/chaos.ts)

${latest.options.annotators} simulated annotators arrive through the campaign's join link (a Prolific-style
\`PROLIFIC_PID\`, the real server-action form posts, an Auth.js session per client), consent, and vote through
the real HTTP API of a built \`next start\` (\`POST /api/annotate/:campaign/next\`, \`POST /api/judgments\`) with an
idempotency key per (assignment, criterion) and retries with backoff on network errors, 5xx and 429.
${latest.options.workers} worker processes (\`workers/generate.ts\`) generate a ${latest.options.pairs}-pair voting campaign and a
${latest.options.backgroundImages}-image background campaign (demo ONNX models) while the harness:

- \`kill -9\`s a random worker every few seconds (and starts it again) for the whole run;
- restarts PostgreSQL once when 30 % of the judgments are in (embedded: fast shutdown and start on the same data
  directory and port; with \`DATABASE_URL\`: \`pg_ctlcluster 15 main restart\` or \`--pg-restart "cmd"\`);
- restarts the web server once at 60 % (same port).

At the end it checks, from the database: every judgment answered with a 2xx is stored exactly once (and nothing
is stored that no client saw acknowledged); every generation job is done exactly once (images = plan, none
failed); every pair has exactly its target judgments per criterion; no 5xx outside the restart windows (the
restart plus ${"a grace period"}); every client recovered by retrying. It exits non-zero on any violation.

### Latest run: ${latest.ok ? "PASSED" : "FAILED"} (${latest.finishedAt}, ${latest.seconds} s, ${latest.database} PostgreSQL)

| check | result | counts |
| --- | --- | --- |
${latest.checks.map((c) => `| ${c.name} | ${c.ok ? "ok" : "**FAIL**"} | ${c.detail.replace(/\|/g, "\\|")} |`).join("\n")}

Faults injected: ${latest.faults.workerKills} worker \`kill -9\`s (${latest.faults.workerStarts} worker starts), ${latest.faults.windows.map((w) => `${w.what} (window ${w.seconds} s incl. grace)`).join(", ")}.

### Recent runs

| finished (UTC) | result | time | annotators / pairs / workers | judgments acknowledged | worker kills | 5xx | database |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

## What these runs found (and what was fixed)

- **Join bursts answered 500** (lib/access/join.ts): every join through one link took that link's row lock
  \`FOR UPDATE\`, so 200 arrivals queued behind each other until Prisma's 5 s interactive-transaction timeout
  (P2028). Uncapped links now take a share lock (a concurrent revoke still waits), capped ones keep the
  exclusive lock for the cap count, and the transaction waits up to 15 s. Guarded by
  tests/bad-input/join-burst.integration.test.ts (150 concurrent joins; a capped link admits exactly its cap).
- **A \`javascript:\` completion URL was accepted** (lib/campaigns/create-campaign.ts, update-campaign.ts):
  the completion link is shown to crowd workers; it must now be http(s) (tests/bad-input/campaigns.spec.ts).
- **An unreadable import source answered 500 at launch** (lib/generation/check-import-models.ts): a manifest
  path that does not exist, or a file that is neither a folder nor a manifest, is now a 422 naming the model
  and the path (tests/bad-input/import-images.spec.ts).
- **A join whose answer was lost locked the worker out** (lib/access/join.ts, proxy.ts; 2026-12-02, under a
  load average of 6–8 from other work on the 2 cores): joins queued past the 15 s transaction limit (500s), and
  where the server had written a join but the answer never arrived, the retry came without the browser secret,
  which only that answer carried, and was refused as "another browser" (49 of 200 in one run). The secret is
  now given when the join page opens, before anything is bound to it, so a retry resumes; a newcomer's rows are
  written before the link's cap lock, which is held only for the count and the commit. Guarded by
  tests/e2e/crowd-join.spec.ts (the answer to Start dropped: the retry resumes; it failed before the fix).
- **Known, not changed:** a worker *starting* while PostgreSQL shuts down exits with code 1
  (\`registerWorker\` fails with 57P03); a supervisor (systemd, the harness) restarts it. Running workers
  ride through the restart (pg-boss and the pool reconnect). The chaos run counts such exits and fails only
  when one happens outside a restart window.
- 5xx inside the windows are expected: requests in flight when PostgreSQL stops (the pool's dead
  connections fail once) and connection refusals while \`next start\` restarts; clients retry with the same
  idempotency key and the replays come back as 200s with the stored judgment.

## Bad-input corpus (\`tests/bad-input/\`)

${corpus}

<!-- chaos-history ${JSON.stringify(history)} -->
`;
}
