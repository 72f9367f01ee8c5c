import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Option, type Command } from "commander";
import { campaignReport } from "../../lib/results/campaign-report";
import { findCampaignByIdOrName } from "../../lib/results/find-campaign";
import { judgmentsCsvStream } from "../../lib/results/judgments-csv";
import { AGGREGATIONS, INTERVAL_METHODS, parseResultsSettings, TIE_RULES } from "../../lib/results/settings";
import { OPERATOR } from "./operator";
import { withDatabase } from "./with-database";

interface ReportOptions {
  format: "csv" | "json" | "html" | "figures-csv";
  out?: string;
  rows: "all" | "analysed";
  aggregation?: string;
  ties?: string;
  interval?: string;
  level?: string;
  rounds?: string;
  seed?: string;
  target?: string;
  exclude?: string;
  excludeFlagged?: string;
  reference?: string;
}

/**
 * `photogenic report CAMPAIGN`: the same exports as the results page, from the command line.
 * csv = every judgment (streamed to the file or stdout); json / figures-csv / html = the report.
 * Settings are validated by the same schema as the page's query parameters.
 */
export async function runReport(campaign: string, options: ReportOptions): Promise<void> {
  const settings = parseResultsSettings(
    new URLSearchParams(
      Object.entries({
        aggregation: options.aggregation,
        ties: options.ties,
        interval: options.interval,
        level: options.level,
        rounds: options.rounds,
        seed: options.seed,
        target: options.target,
        exclude: options.exclude,
        excludeFlagged: options.excludeFlagged,
        reference: options.reference,
      }).filter((e): e is [string, string] => e[1] !== undefined),
    ),
  );
  const { id } = await findCampaignByIdOrName(campaign);
  if (options.out) mkdirSync(dirname(options.out), { recursive: true });
  if (options.format === "csv") {
    const stream = await judgmentsCsvStream(OPERATOR, id, settings, { analysedOnly: options.rows === "analysed" });
    const source = Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);
    await pipeline(source, options.out ? createWriteStream(options.out) : process.stdout, {
      end: Boolean(options.out),
    });
  } else {
    const text = await campaignReport(OPERATOR, id, settings, options.format);
    if (options.out) writeFileSync(options.out, text);
    else process.stdout.write(text);
  }
  if (options.out) console.error(`Wrote ${options.format} report of campaign ${id} to ${options.out}`);
}

export function registerReportCommands(program: Command): void {
  program
    .command("report")
    .description(
      "Export a campaign's results: every judgment (csv), every figure (json, figures-csv) or the self-contained HTML report",
    )
    .argument("<campaign>", "campaign id, or its exact name")
    .addOption(
      new Option("--format <format>", "what to export").choices(["csv", "json", "html", "figures-csv"]).default("json"),
    )
    .option("--out <file>", "write here instead of stdout")
    .addOption(
      new Option("--rows <rows>", "csv: all judgments, or only those in the statistics")
        .choices(["all", "analysed"])
        .default("all"),
    )
    .addOption(
      new Option("--aggregation <mode>", "majority per pair (default), every judgment, or dawid-skene").choices([
        ...AGGREGATIONS,
      ]),
    )
    .addOption(
      new Option("--ties <rule>", "headline win rate: ties count half (default) or are excluded").choices([
        ...TIE_RULES,
      ]),
    )
    .addOption(
      new Option("--interval <method>", "headline interval (default bootstrap-bca)").choices([...INTERVAL_METHODS]),
    )
    .option("--level <p>", "confidence level (default 0.95)")
    .option("--rounds <n>", "bootstrap rounds (default 1000)")
    .option("--seed <n>", "bootstrap seed (default 1)")
    .option("--target <h>", "target half-width for the planning figures (default 0.05)")
    .option("--exclude <pseudonyms>", "comma-separated annotator pseudonyms to leave out")
    .option(
      "--exclude-flagged <flags>",
      "leave out annotators with these quality flags (gold, speed, side-bias, timing, loo-agreement, shared-device) or none; default: the campaign's rule",
    )
    .option("--reference <model>", "read each verdict and matchup from this model's side (default: the leader)")
    .action((campaign: string, options: ReportOptions) => withDatabase(() => runReport(campaign, options)));
}
