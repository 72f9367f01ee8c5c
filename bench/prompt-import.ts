// Times importPromptSet — parse + validate + one transaction of batched inserts into PostgreSQL —
// for a generated 100,000-prompt CSV, against parsePromptFile alone on the same file in the same
// run (the baseline: ratio = import / parse). Uses a fresh database on DATABASE_URL's server, or
// an embedded PostgreSQL in .data/bench-pg, and drops the database at the end.
//
// Run: npx tsx --conditions=react-server bench/prompt-import.ts [rows] [runs]
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { ensureDatabaseExists, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { migrate } from "../lib/db/migrate";
import { setEnv } from "../lib/env";
import { parsePromptFile } from "../lib/prompts/index";

const rows = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 3);
const CATEGORIES = ["Animals", "Artifacts", "People", "Vehicles", "Food & Beverage", "Abstract"];
const CHALLENGES = ["Basic", "Complex", "Quantity", "Imagination"];

function csv(): string {
  const lines = ["id,prompt,category,challenge,note"];
  for (let i = 0; i < rows; i++) {
    const text = `A photo of ${CATEGORIES[i % 6].toLowerCase()} number ${i}, in the style of painter ${i % 97}, golden hour, 35mm, "soft light"`;
    lines.push(
      `q${i},"${text.replace(/"/g, '""')}",${CATEGORIES[i % 6]},${CHALLENGES[i % 4]},${i % 10 === 0 ? "a note" : ""}`,
    );
  }
  return lines.join("\n") + "\n";
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
};
const ms = (t: number) => `${t.toFixed(0)} ms`;

const dir = mkdtempSync(path.join(tmpdir(), "prompt-import-bench-"));
const file = path.join(dir, "prompts.csv");
writeFileSync(file, csv());

const external = process.env.DATABASE_URL;
const embedded = external ? null : await startEmbeddedPostgres(path.resolve(".data/bench-pg"));
const serverUrl = external
  ? Object.assign(new URL(external), { pathname: "/postgres" }).toString()
  : embedded!.url("postgres");
const dbName = `photogenic_bench_${randomBytes(4).toString("hex")}`;
await ensureDatabaseExists(serverUrl, dbName);
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
await migrate(dbUrl);
setEnv("DATABASE_URL", dbUrl);
const { db, disconnectDb } = await import("../lib/db");
const { importPromptSet } = await import("../lib/prompts/import-prompt-set");

try {
  console.log(
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), PostgreSQL ${external ? "at DATABASE_URL" : "embedded"}`,
  );
  console.log(
    `${rows.toLocaleString("en")} prompts, CSV ${(statSync(file).size / 1e6).toFixed(1)} MB, ${runs} runs each`,
  );

  // Warm-up (JIT, connection pool, first-query planning), not counted.
  await parsePromptFile({ fileName: "prompts.csv", stream: createReadStream(file) });
  await importPromptSet({ name: "warm-up", fileName: "prompts.csv", stream: createReadStream(file) });

  const parseTimes: number[] = [];
  const importTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = performance.now();
    const { report } = await parsePromptFile({ fileName: "prompts.csv", stream: createReadStream(file) });
    parseTimes.push(performance.now() - started);
    if (!report.ok || report.accepted !== rows) throw new Error(`parse: ${JSON.stringify(report.issues.slice(0, 3))}`);

    started = performance.now();
    const { promptSet } = await importPromptSet({
      name: "bench",
      fileName: "prompts.csv",
      stream: createReadStream(file),
    });
    importTimes.push(performance.now() - started);
    const stored = await db.prompt.count({ where: { promptSetId: promptSet.id } });
    if (stored !== rows) throw new Error(`import stored ${stored} prompts, expected ${rows}`);
  }
  const parse = stats(parseTimes);
  const imported = stats(importTimes);
  console.log(
    `parse only (baseline)  best ${ms(parse.best)}  median ${ms(parse.median)}  (runs: ${parseTimes.map(ms).join(", ")})`,
  );
  console.log(
    `import into PostgreSQL best ${ms(imported.best)}  median ${ms(imported.median)}  (runs: ${importTimes.map(ms).join(", ")})`,
  );
  console.log(
    `ratio import / parse (median) ${(imported.median / parse.median).toFixed(2)}×; database share ${ms(imported.median - parse.median)}; ` +
      `${Math.round(rows / (imported.median / 1000)).toLocaleString("en")} prompts/s`,
  );
} finally {
  await disconnectDb();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await client.end();
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });
}
