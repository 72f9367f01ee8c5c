import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { countPrompts } from "../../lib/prompts/count-prompts";
import { findPromptSet } from "../../lib/prompts/find-prompt-set";
import { importPromptSet, PromptImportError } from "../../lib/prompts/import-prompt-set";
import { formatIssue, PROMPT_FORMATS, type ImportReport, type PromptFormat } from "../../lib/prompts/index";
import { listPromptSets } from "../../lib/prompts/list-prompt-sets";
import { listPrompts, parsePromptQuery } from "../../lib/prompts/list-prompts";
import { defaultSetName } from "../../lib/prompts/prompt-upload";
import { withDatabase } from "./with-database";

function printReport(report: ImportReport): void {
  console.log(
    `${report.fileName}: ${report.format.toUpperCase()} (${report.formatSource}), ${report.rowsRead} rows read, ${report.accepted} accepted, ` +
      `${report.skipped} skipped, ${report.errorCount} errors, ${report.warningCount} warnings`,
  );
  for (const issue of report.issues) console.log(`  ${formatIssue(report.fileName, issue)}`);
  if (report.issuesOmitted > 0) console.log(`  … ${report.issuesOmitted} more issues not listed`);
}

const bar = (count: number, max: number, width = 40) =>
  "█".repeat(Math.max(count > 0 ? 1 : 0, Math.round((width * count) / Math.max(1, max))));

export function registerPromptCommands(program: Command): void {
  const prompts = program.command("prompts").description("Prompt sets: import, list, show");

  prompts
    .command("import <file>")
    .description(
      "Import a prompt file (TSV, CSV, JSONL, TXT) as a new prompt set, or the next version of one; nothing is written if the file has errors",
    )
    .option("-n, --name <name>", "set name (default: the file name without its extension)")
    .addOption(
      new Option("-f, --format <format>", "read as this format instead of detecting it").choices(PROMPT_FORMATS),
    )
    .option("--max-length <chars>", "longest prompt accepted, in characters", "2000")
    .action(async (file: string, options: { name?: string; format?: PromptFormat; maxLength: string }) => {
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) throw new Error(`${file}: no such file`);
      const maxLength = Number(options.maxLength);
      if (!Number.isInteger(maxLength) || maxLength < 1)
        throw new Error(`--max-length: expected a whole number of characters, got "${options.maxLength}"`);
      await withDatabase(async () => {
        try {
          const { promptSet, report } = await importPromptSet({
            name: options.name ?? defaultSetName(file),
            fileName: path.basename(file),
            stream: createReadStream(file),
            format: options.format,
            maxLength,
          });
          printReport(report);
          console.log(
            `Imported "${promptSet.name}" version ${promptSet.version}: ${promptSet.promptCount} prompts (id ${promptSet.id}).`,
          );
        } catch (error) {
          if (!(error instanceof PromptImportError)) throw error;
          printReport(error.report);
          console.error(
            `Not imported: ${error.report.errorCount} error${error.report.errorCount === 1 ? "" : "s"}; nothing was written.`,
          );
          process.exitCode = 1;
        }
      });
    });

  prompts
    .command("list")
    .description("List prompt sets with their versions and counts")
    .action(async () =>
      withDatabase(async () => {
        const sets = await listPromptSets();
        if (sets.length === 0) return console.log("No prompt sets. Import one: photogenic prompts import FILE");
        const rows = sets.map((s) => [
          s.id,
          s.name,
          `v${s.version}${s.latest ? "*" : ""}`,
          String(s.promptCount),
          String(s.categoryCount),
          String(s.challengeCount),
          s.sourceFile ?? "",
        ]);
        const header = ["ID", "NAME", "VERSION", "PROMPTS", "CATEGORIES", "CHALLENGES", "SOURCE"];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
        for (const row of [header, ...rows])
          console.log(
            row
              .map((cell, i) => (i >= 3 && i <= 5 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
              .join("  ")
              .trimEnd(),
          );
        console.log("* latest version of its name");
      }),
    );

  prompts
    .command("show <set>")
    .description(
      "Show a prompt set (id, name for its latest version, or name@version): counts per category and its prompts",
    )
    .option("-c, --category <category>", 'only this category ("(none)" for prompts without one)')
    .option("--challenge <challenge>", "only this challenge")
    .option("-s, --search <words>", "only prompts containing every word")
    .option("-p, --page <n>", "page of prompts", "1")
    .option("--limit <n>", "prompts per page", "50")
    .action(
      async (
        ref: string,
        options: { category?: string; challenge?: string; search?: string; page: string; limit: string },
      ) =>
        withDatabase(async () => {
          const query = parsePromptQuery({
            category: options.category,
            challenge: options.challenge,
            q: options.search,
            page: options.page,
            pageSize: options.limit,
          });
          const set = await findPromptSet(ref);
          const counts = await countPrompts(set.id);
          console.log(
            `${set.name} v${set.version} (${set.id}) — ${set.promptCount} prompts from ${set.sourceFile ?? "?"} (${set.format})`,
          );
          if (set.versions.length > 1) console.log(`Versions: ${set.versions.map((v) => `v${v.version}`).join(", ")}`);
          const max = Math.max(1, ...counts.categories.map((c) => c.count));
          const width = Math.max(8, ...counts.categories.map((c) => (c.name ?? "(none)").length));
          console.log("\nPrompts per category:");
          for (const c of counts.categories)
            console.log(`  ${(c.name ?? "(none)").padEnd(width)} ${String(c.count).padStart(6)}  ${bar(c.count, max)}`);
          console.log(`Challenges: ${counts.challenges.map((c) => `${c.name ?? "(none)"} ${c.count}`).join(", ")}`);

          const page = await listPrompts(set.id, query);
          const filters = [
            query.category && `category "${query.category}"`,
            query.challenge && `challenge "${query.challenge}"`,
            query.q && `search "${query.q}"`,
          ].filter(Boolean);
          console.log(
            `\n${page.total} prompts${filters.length ? ` with ${filters.join(", ")}` : ""} · page ${page.page} of ${page.pageCount}:`,
          );
          for (const p of page.items) {
            const tags = [p.category, p.challenge].filter(Boolean).join(" / ");
            console.log(
              `  ${String(p.position + 1).padStart(6)}  ${p.text.replace(/\s+/g, " ")}${tags ? `  [${tags}]` : ""}`,
            );
          }
        }),
    );
}
