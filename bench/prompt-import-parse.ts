// Times parsePromptFile (parse + validate, no database) on generated 100,000-prompt files, one
// per format, read with fs.createReadStream as the import will. Run: npx tsx bench/prompt-import-parse.ts [rows]
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parsePromptFile, type PromptFormat } from "../lib/prompts/index";

const rows = Number(process.argv[2] ?? 100_000);
const CATEGORIES = ["Animals", "Artifacts", "People", "Vehicles", "Food & Beverage"];

function prompt(i: number): string {
  return `A photo of a ${CATEGORIES[i % 5].toLowerCase()} number ${i}, in the style of painter ${i % 97}, golden hour, 35mm`;
}

function fileContent(format: PromptFormat): string {
  const lines: string[] = [];
  if (format === "csv") lines.push("id,prompt,category,challenge,note");
  if (format === "tsv") lines.push("Prompt\tCategory\tChallenge\tNote");
  for (let i = 0; i < rows; i++) {
    const c = CATEGORIES[i % 5];
    if (format === "csv") lines.push(`q${i},"${prompt(i)}",${c},Basic,`);
    if (format === "tsv") lines.push(`${prompt(i)}\t${c}\tBasic\t`);
    if (format === "jsonl") lines.push(JSON.stringify({ id: `q${i}`, prompt: prompt(i), category: c }));
    if (format === "txt") lines.push(prompt(i));
  }
  return lines.join("\n") + "\n";
}

const dir = mkdtempSync(path.join(tmpdir(), "prompt-bench-"));
try {
  console.log(`node ${process.version}, ${rows.toLocaleString("en")} prompts per file`);
  for (const format of ["csv", "tsv", "jsonl", "txt"] as const) {
    const file = path.join(dir, `prompts.${format}`);
    writeFileSync(file, fileContent(format));
    const times: number[] = [];
    let accepted = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const { prompts, report } = await parsePromptFile({
        fileName: path.basename(file),
        stream: createReadStream(file),
      });
      times.push(performance.now() - started);
      if (!report.ok) throw new Error(`${format}: ${JSON.stringify(report.issues.slice(0, 3))}`);
      accepted = prompts.length;
    }
    const mb = statSync(file).size / 1e6;
    console.log(
      `${format.padEnd(5)} ${mb.toFixed(1)} MB  ${accepted} accepted  best ${Math.min(...times).toFixed(0)} ms  (runs: ${times.map((t) => t.toFixed(0)).join(", ")} ms)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
