import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { acceptedSetArchive, exportAcceptedSetToFolder } from "../../lib/curation/export-accepted-set";
import { setCurationExpertByEmail } from "../../lib/curation/experts";
import { findCampaignByIdOrName } from "../../lib/results/find-campaign";
import { OPERATOR } from "./operator";
import { withDatabase } from "./with-database";

/**
 * `photogenic curation export CAMPAIGN --out DIR | --archive FILE.tar.gz`: a curation campaign's
 * accepted set as a fine-tuning dataset (images, metadata.jsonl, manifest.csv; lib/curation).
 * `photogenic curation expert CAMPAIGN EMAIL [--unset]`: the expert mark of a member.
 */
export function registerCurationCommands(program: Command): void {
  const curation = program.command("curation").description("Curation campaigns: experts and the accepted set");
  curation
    .command("export")
    .description("Write the accepted set: the images, metadata.jsonl (file_name, text) and manifest.csv")
    .argument("<campaign>", "campaign id, or its exact name")
    .option("--out <dir>", "into this folder (made when missing)")
    .option("--archive <file>", "as a .tar.gz instead")
    .action((campaign: string, options: { out?: string; archive?: string }) =>
      withDatabase(async () => {
        if (!options.out === !options.archive) throw new Error("give --out <dir> or --archive <file.tar.gz>");
        const { id } = await findCampaignByIdOrName(campaign);
        if (options.out) {
          const { images } = await exportAcceptedSetToFolder(OPERATOR, id, options.out);
          console.error(`Wrote ${images} accepted images with metadata.jsonl and manifest.csv to ${options.out}`);
          return;
        }
        mkdirSync(dirname(options.archive!), { recursive: true });
        const { stream } = await acceptedSetArchive(OPERATOR, id);
        await pipeline(stream, createWriteStream(options.archive!));
        console.error(`Wrote the accepted set of campaign ${id} to ${options.archive}`);
      }),
    );
  curation
    .command("expert")
    .description("Mark a member (by e-mail) as an expert: served stage 2, the survivors")
    .argument("<campaign>", "campaign id, or its exact name")
    .argument("<email>", "the member's e-mail")
    .option("--unset", "remove the mark")
    .action((campaign: string, email: string, options: { unset?: boolean }) =>
      withDatabase(async () => {
        const { id } = await findCampaignByIdOrName(campaign);
        await setCurationExpertByEmail(OPERATOR, id, email, !options.unset);
        console.error(`${email} is ${options.unset ? "no longer an" : "now an"} expert of campaign ${id}`);
      }),
    );
}
