import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Runs the bad-input corpus (tests/bad-input: the use-case tests in the integration project, the
 * HTTP specs in the e2e project against a built `next start`) with vitest's JSON reporter and
 * renders the corpus section of docs/RELIABILITY.md from the results.
 */
interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
}

function runProject(project: "integration" | "e2e", out: string): VitestJson | null {
  spawnSync(
    process.execPath,
    [
      "node_modules/vitest/vitest.mjs",
      "run",
      "--project",
      project,
      "tests/bad-input",
      "--reporter=json",
      `--outputFile=${out}`,
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: process.env,
    },
  );
  return existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as VitestJson) : null;
}

export function runCorpus(): string {
  mkdirSync(".data/chaos", { recursive: true });
  const results = (["integration", "e2e"] as const).map((project) => ({
    project,
    json: runProject(project, path.resolve(`.data/chaos/corpus-${project}.json`)),
  }));
  const rows: string[] = [];
  let total = 0;
  let passed = 0;
  for (const { project, json } of results) {
    if (!json) {
      rows.push(`| ${project} | (did not run) | | |`);
      continue;
    }
    for (const file of json.testResults.sort((a, b) => a.name.localeCompare(b.name))) {
      const ok = file.assertionResults.filter((a) => a.status === "passed").length;
      const failed = file.assertionResults.filter((a) => a.status === "failed");
      total += file.assertionResults.length;
      passed += ok;
      rows.push(
        `| ${project} | \`${path.relative(process.cwd(), file.name)}\` | ${file.assertionResults.length} | ${ok}${
          failed.length
            ? ` (**${failed.length} failed**: ${failed
                .slice(0, 3)
                .map((f) => f.fullName)
                .join("; ")})`
            : ""
        } |`,
      );
    }
  }
  return `<!-- corpus:start -->
Latest corpus run: ${new Date().toISOString()} — **${passed} of ${total} cases passed**.
Each case sends one bad input across a boundary and asserts: a 4xx (never a 5xx) whose message or
\`issues[].field\` names the field, file or line; and no row written (row counts of 16 tables before
and after). HTTP cases drive the built \`next start\` of the e2e harness; use-case cases call lib/ directly.
Run them with \`npx vitest run --project integration tests/bad-input\` and
\`npx vitest run --project e2e tests/bad-input\` (both are part of \`npm test\`); regenerate this section with
\`npm run chaos -- --report docs/RELIABILITY.md --corpus\`.

| project | file | cases | passed |
| --- | --- | --- | --- |
${rows.join("\n")}

Boundaries covered: prompt files (every blocking fixture of tests/fixtures/prompts, binary content, form
fields), model configs (POST /api/models), import manifests and image files at campaign launch (zero bytes,
truncated PNG, a 20000×20000 decompression bomb of ~50 KB, SVG with a script, text behind a .png
extension, missing files, absolute and escaping paths, bad seeds, bad JSONL, unknown prompt ids), a model
endpoint answering with hostile bytes, API bodies (wrong types, missing fields, 10 MB strings, unknown and
foreign ids, replayed idempotency keys with different content, wrong roles, no session), query parameters,
and join links and tickets (forged, malformed, expired, revoked, full, bad crowd parameters, replayed and
expired tickets).
<!-- corpus:end -->`;
}
