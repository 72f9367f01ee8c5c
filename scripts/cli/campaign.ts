import type { Command } from "commander";
import { OPERATOR } from "./operator";
import { withDatabase } from "./with-database";

export function registerCampaignCommands(program: Command): void {
  const campaign = program.command("campaign").description("Campaigns");
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
        if (!found)
          throw new (await import("../../lib/errors")).AppError("NOT_FOUND", `Campaign ${campaignId} not found`);
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
