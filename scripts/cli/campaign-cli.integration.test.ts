import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db, disconnectDb } from "../../lib/db";
import { stopBoss } from "../../lib/queue/boss";
import { ensureDatabaseExists } from "../../lib/db/embedded-postgres";
import { withDatabase } from "../../tests/support/global-setup";
import { makeUser } from "../../tests/support/factories";
import { spawnWorker, stopProcess } from "../../tests/support/processes";

/**
 * The scripted path end to end, through the real `photogenic` command: PartiPrompts and two
 * onnx-demo models registered, `campaign create spec.yaml --launch` on a 24-prompt subset
 * stratified by category, a real worker, `campaign watch --until generated`; then `export-spec`
 * recreates the same campaign (prompts, models, criteria, seeds) on a second database.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const PARTI = path.resolve(ROOT, "../shared/data/PartiPrompts.tsv");
const work = mkdtempSync(path.join(tmpdir(), "photogenic-cli-"));
const first = { DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: process.env.DATA_DIR! };
const second = {
  DATABASE_URL: withDatabase(
    inject("serverUrl"),
    `photogenic_t_${inject("runId")}_second_${randomBytes(4).toString("hex")}`,
  ),
  DATA_DIR: `${process.env.DATA_DIR}-second`,
};
let researcher: { id: string; email: string };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function photogenic(args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts/photogenic.mjs"), ...args], {
      cwd: work,
      env: { ...process.env, ...env, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(args: string[], env: Record<string, string>, timeoutMs?: number): Promise<string> {
  const run = await photogenic(args, env, timeoutMs);
  expect(run.code, `photogenic ${args.join(" ")}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

/** The same registrations on a database: the prompt file and two demo models, by the command line. */
async function register(env: Record<string, string>): Promise<void> {
  await ok(["prompts", "import", PARTI, "--name", "parti"], env);
  for (const variant of ["demo-smooth", "demo-noisy"])
    await ok(
      [
        "models",
        "add",
        variant,
        "--kind",
        "onnx-demo",
        "--config",
        JSON.stringify({ variant }),
        "--params",
        '{"width":64,"height":64}',
      ],
      env,
    );
}

const SPEC = `# Two demo models on 24 PartiPrompts, two per category
name: Parti 24 — smooth vs noisy
promptSet: parti
subset:
  mode: per-category
  perCategory: 2
  seed: 11
models: [demo-smooth, demo-noisy]
seedsPerPrompt: 1
criteria:
  - key: appeal
    question: Which image is more appealing?
    showPrompt: false
    choices: [left, right, tie]
    judgmentsPerPair: 3
  - key: faithful
    question: Which image better matches the text?
    showPrompt: true
    choices: [left, right, both, neither]
    judgmentsPerPair: 2
goldRate: 0.1
completionCode: PARTI-24
joinLink:
  label: prolific
  maxAnnotators: 40
`;

beforeAll(async () => {
  await ensureDatabaseExists(inject("serverUrl"), new URL(second.DATABASE_URL).pathname.slice(1), inject("templateDb"));
  researcher = (await makeUser("researcher")) as { id: string; email: string };
  const client = new pg.Client({ connectionString: second.DATABASE_URL });
  await client.connect();
  await client.query(`INSERT INTO "User" (id, email, role, "updatedAt") VALUES ($1, $2, 'researcher', now())`, [
    "second-researcher",
    researcher.email,
  ]);
  await client.end();
}, 120_000);

afterAll(async () => {
  await stopBoss();
  await disconnectDb();
});

/** (model name, prompt id in the file, seed) of every generation job: what a campaign generates. */
async function jobsOf(url: string, campaignId: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ job: string }>(
      `SELECT m.name || '@' || m.version || ' ' || p."externalId" || ' ' || j.seed AS job
         FROM "GenerationJob" j JOIN "Model" m ON m.id = j."modelId" JOIN "Prompt" p ON p.id = j."promptId"
        WHERE j."campaignId" = $1`,
      [campaignId],
    );
    return rows.map((r) => r.job).sort();
  } finally {
    await client.end();
  }
}

describe("photogenic campaign: campaigns as code", () => {
  it("create --launch → a worker generates → watch --until generated exits 0; export-spec recreates it on a second database", async () => {
    await register(first);
    const specFile = path.join(work, "spec.yaml");
    writeFileSync(specFile, SPEC);
    const created = await ok(["campaign", "create", specFile, "--launch", "--user", researcher.email, "--json"], first);
    const { id, status, joinUrl } = JSON.parse(created) as { id: string; status: string; joinUrl: string };
    expect(status).toBe("generating");
    expect(joinUrl).toMatch(/^http:\/\/localhost:3000\/join\/\S+\.\S+$/);

    const campaign = await db.campaign.findUniqueOrThrow({
      where: { id },
      include: { prompts: { include: { prompt: true } }, criteria: true },
    });
    expect(campaign.ownerId).toBe(researcher.id);
    expect(campaign.goldRate).toBe(0.1);
    // Stratified: 24 prompts, two from each of PartiPrompts' 12 categories.
    const categories = new Map<string, number>();
    for (const { prompt } of campaign.prompts)
      categories.set(prompt.category!, (categories.get(prompt.category!) ?? 0) + 1);
    expect(campaign.prompts).toHaveLength(24);
    expect(categories.size).toBe(12);
    expect([...categories.values()].every((n) => n === 2)).toBe(true);

    const worker = spawnWorker([]);
    try {
      const watched = await photogenic(
        ["campaign", "watch", id, "--until", "generated", "--interval", "1", "--timeout", "300"],
        first,
        330_000,
      );
      expect(watched.code, `${watched.stdout}\n${watched.stderr}\n${worker.output().slice(-2000)}`).toBe(0);
      expect(watched.stdout).toContain("48/48 images");
    } finally {
      await stopProcess(worker);
    }
    expect(await db.image.count({ where: { campaignId: id, kind: "generated" } })).toBe(48);

    const exported = path.join(work, "exported.yaml");
    await ok(["campaign", "export-spec", id, "--out", exported], first);
    const text = readFileSync(exported, "utf8");
    expect(text).toContain("promptSet: parti@1");

    // A second database, registered the same way from the same files.
    await register(second);
    const recreated = JSON.parse(
      await ok(["campaign", "create", exported, "--launch", "--user", researcher.email, "--json"], second),
    ) as { id: string };
    const jobs = await jobsOf(first.DATABASE_URL, id);
    expect(jobs).toHaveLength(48);
    expect(await jobsOf(second.DATABASE_URL, recreated.id)).toEqual(jobs);
    // Everything else the spec says is the same too: the second export reads exactly like the first.
    const again = await ok(["campaign", "export-spec", recreated.id], second);
    const body = (spec: string) => spec.replace(/^#.*\n/gm, "");
    expect(body(again)).toEqual(body(text));
  }, 600_000);

  it("refuses a bad spec with its file and line, writing nothing", async () => {
    const bad = path.join(work, "bad.yaml");
    writeFileSync(bad, SPEC.replace("models: [demo-smooth, demo-noisy]", "models: [demo-smooth, demo-sharp]"));
    const before = await db.campaign.count();
    const run = await photogenic(["campaign", "create", bad, "--user", researcher.email], first);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.yaml:8: models.1: unknown model "demo-sharp"');
    expect(run.stderr).toContain("nothing was written");
    expect(await db.campaign.count()).toBe(before);
  }, 120_000);
});
