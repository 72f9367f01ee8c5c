import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { stringify } from "yaml";
import { AppError } from "../../lib/errors";
import { readSpecFile, locateIssues } from "../../lib/campaigns/spec-file";
import { actingUser, owningUser } from "./acting-user";
import { OPERATOR } from "./operator";
import { watchCampaign, type WatchUntil } from "./campaign-watch";
import { withDatabase } from "./with-database";

/**
 * `photogenic campaign …`: campaigns as code. Every command calls the web app's use cases
 * (lib/campaigns/*, lib/access/join-links.ts) as the OPERATOR, or as `--user EMAIL`.
 */
const USER_OPTION = [
  "--user <email>",
  "act as this researcher or admin (default: the operator, who sees every campaign)",
] as const;
const BASE_URL_OPTION = [
  "--base-url <url>",
  "the web app's address, for printed join links",
  "http://localhost:3000",
] as const;

const TRANSITIONS = { launch: "launch", pause: "pause", resume: "resume", close: "complete" } as const;

export function registerCampaignCommands(program: Command): void {
  const campaign = program.command("campaign").description("Campaigns: create from a spec file, run, watch, export");

  campaign
    .command("create <spec>")
    .description(
      "Create a campaign from a spec file (YAML or JSON); prints its id and join link. Nothing is written if the spec has an error",
    )
    .option("--launch", "launch it right away (queue the images for the workers)")
    .option(...USER_OPTION)
    .option(...BASE_URL_OPTION)
    .option("--json", "print JSON")
    .action((specPath: string, opts: { launch?: boolean; user?: string; baseUrl: string; json?: boolean }) =>
      withDatabase(async () => {
        const { createCampaignFromSpec } = await import("../../lib/campaigns/create-campaign-from-spec");
        const { transitionCampaign } = await import("../../lib/campaigns/transition-campaign");
        const file = readSpecFile(readText(specPath), path.basename(specPath));
        const user = await owningUser(opts.user, "campaign create");
        // The command line always prints a join link: an open one unless the spec sets its options.
        const value =
          isPlainObject(file.value) && file.value.joinLink === undefined ? { ...file.value, joinLink: {} } : file.value;
        let created;
        try {
          created = await createCampaignFromSpec(user, value);
        } catch (error) {
          throw error instanceof AppError ? locateIssues(error, file) : error;
        }
        const status = opts.launch
          ? (await transitionCampaign(user, created.id, { action: "launch" })).status
          : "draft";
        const joinUrl = created.joinLink && new URL(created.joinLink.path, opts.baseUrl).toString();
        if (opts.json) return console.log(JSON.stringify({ id: created.id, status, joinUrl }, null, 2));
        console.log(`Created campaign ${created.id} (${status})`);
        if (joinUrl) console.log(`Join link: ${joinUrl}`);
      }),
    );

  campaign
    .command("list")
    .description("List campaigns")
    .option(...USER_OPTION)
    .option("--json", "print JSON")
    .action((opts: { user?: string; json?: boolean }) =>
      withDatabase(async () => {
        const { listOwnedCampaigns } = await import("../../lib/campaigns/owned-campaign");
        const { pairsText } = await import("../../lib/campaigns/count-labels");
        const rows = await listOwnedCampaigns(await actingUser(opts.user));
        if (opts.json) return console.log(JSON.stringify(rows, null, 2));
        if (rows.length === 0)
          return console.log("No campaigns. Create one: photogenic campaign create SPEC --user EMAIL");
        for (const c of rows)
          console.log(
            `${c.id}  ${c.status.padEnd(10)} ${pairsText(c.pairs).padStart(20)}  ${c.createdAt.toISOString().slice(0, 10)}  ${c.name}`,
          );
      }),
    );

  campaign
    .command("show <campaignId>")
    .description("A campaign's protocol, generation and annotation progress")
    .option(...USER_OPTION)
    .option("--json", "print JSON")
    .action((campaignId: string, opts: { user?: string; json?: boolean }) =>
      withDatabase(async () => {
        const { exportCampaignSpec } = await import("../../lib/campaigns/export-campaign-spec");
        const { generationProgress } = await import("../../lib/generation/generation-progress");
        const { campaignSummary } = await import("../../lib/campaigns/campaign-summary");
        const { generationLines, annotationLines } = await import("./campaign-watch");
        const user = await actingUser(opts.user);
        const spec = await exportCampaignSpec(user, campaignId);
        const progress = await generationProgress(user, campaignId);
        const summary = await campaignSummary(user, campaignId);
        if (opts.json) return console.log(JSON.stringify({ spec, generation: progress, summary }, null, 2));
        console.log(`${spec.name} (${campaignId}) — ${progress.status}`);
        console.log(
          `  prompts   ${spec.promptSet}: ${spec.prompts?.length ?? 0} prompts, ${spec.seedsPerPrompt} seed(s) each`,
        );
        console.log(`  models    ${spec.models?.join(", ")} (${spec.pairDesign})`);
        console.log(`  criteria  ${spec.criteria?.map((c) => `${c.key} ×${c.judgmentsPerPair}`).join(", ")}`);
        for (const line of [...generationLines(progress), ...(summary.pairs > 0 ? annotationLines(summary) : [])])
          console.log(line);
      }),
    );

  for (const [command, action] of Object.entries(TRANSITIONS)) {
    campaign
      .command(`${command} <campaignId>`)
      .description(
        command === "close"
          ? "Close a campaign (completed: no more judgments)"
          : `${command[0].toUpperCase()}${command.slice(1)} a campaign`,
      )
      .option(...USER_OPTION)
      .action((campaignId: string, opts: { user?: string }) =>
        withDatabase(async () => {
          const { transitionCampaign } = await import("../../lib/campaigns/transition-campaign");
          const { status } = await transitionCampaign(await actingUser(opts.user), campaignId, { action });
          console.log(`${campaignId}: ${status}`);
        }),
      );
  }

  campaign
    .command("export-spec <campaignId>")
    .description(
      "Write the spec that recreates the campaign (same prompts, models, criteria, seeds), here or on another server",
    )
    .addOption(new Option("--format <format>", "file format").choices(["yaml", "json"]).default("yaml"))
    .option("-o, --out <file>", "write to this file instead of standard output")
    .option(...USER_OPTION)
    .action((campaignId: string, opts: { format: "yaml" | "json"; out?: string; user?: string }) =>
      withDatabase(async () => {
        const { exportCampaignSpec } = await import("../../lib/campaigns/export-campaign-spec");
        const spec = await exportCampaignSpec(await actingUser(opts.user), campaignId);
        const text =
          opts.format === "json"
            ? `${JSON.stringify(spec, null, 2)}\n`
            : `# Photogenic campaign spec, exported from ${campaignId}.\n# Recreate it with: photogenic campaign create FILE --user EMAIL\n${stringify(spec, { lineWidth: 0 })}`;
        if (opts.out) {
          writeFileSync(opts.out, text);
          console.error(`Wrote ${opts.out}`);
        } else process.stdout.write(text);
      }),
    );

  campaign
    .command("watch <campaignId>")
    .description(
      "Live progress bars (generation, then judgments) with rate and ETA; exits 0 when the campaign is there",
    )
    .addOption(
      new Option("--until <stage>", "stop when the campaign is").choices(["generated", "complete"]).default("complete"),
    )
    .option("--interval <seconds>", "seconds between updates", "2")
    .option("--timeout <seconds>", "give up (exit 2) after this long")
    .option(...USER_OPTION)
    .action((campaignId: string, opts: { until: WatchUntil; interval: string; timeout?: string; user?: string }) =>
      withDatabase(async () => {
        const seconds = (flag: string, value: string) => {
          const n = Number(value);
          if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: expected a number of seconds, got "${value}"`);
          return n * 1000;
        };
        const code = await watchCampaign(await actingUser(opts.user), campaignId, {
          until: opts.until,
          intervalMs: seconds("--interval", opts.interval),
          timeoutMs: opts.timeout === undefined ? undefined : seconds("--timeout", opts.timeout),
        });
        if (code !== 0) process.exitCode = code;
      }),
    );

  campaign
    .command("status <campaignId>")
    .description(
      "Generation progress per model (done / failed / pending, images/s, ETA, seconds per image, cost) and workers online",
    )
    .option("--json", "print JSON")
    .action((campaignId: string, opts: { json?: boolean }) =>
      withDatabase(async () => {
        const { generationProgress } = await import("../../lib/generation/generation-progress");
        const { db } = await import("../../lib/db");
        const found = await db.campaign.findUnique({ where: { id: campaignId }, select: { name: true } });
        if (!found) throw new AppError("NOT_FOUND", `Campaign ${campaignId} not found`);
        const p = await generationProgress(OPERATOR, campaignId);
        if (opts.json) return console.log(JSON.stringify(p, null, 2));
        console.log(
          `${found.name} — ${p.status}: ${p.done}/${p.total} images, ${p.failed} failed, ${p.workers.length} workers online${p.cost === null ? "" : `, cost ${p.cost}`}`,
        );
        for (const m of p.models) {
          const width = 30;
          const filled = m.total ? Math.round((width * m.done) / m.total) : 0;
          console.log(
            `  ${m.model.padEnd(24)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${m.done}/${m.total}  failed ${m.failed}  ${m.imagesPerSecond} img/s  ETA ${m.etaSeconds ?? "?"}s  ${m.secondsPerImage ?? "?"} s/image${m.cost === null ? "" : `  cost ${m.cost}`}`,
          );
        }
        for (const f of p.failures.slice(0, 10))
          console.log(`  failed: ${f.model} prompt ${f.promptId} seed ${f.seed}: ${f.error}`);
      }),
    );
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(
      `${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
