import type { Command } from "commander";
import { actingUser } from "./acting-user";
import { parseDays } from "./durations";
import { withDatabase } from "./with-database";

/** `photogenic join-link create ID`: the campaign page's join-link form, from the command line. */
export function registerJoinLinkCommands(program: Command): void {
  const joinLink = program.command("join-link").description("Campaign join links for annotators");
  joinLink
    .command("create <campaignId>")
    .description("A new join link; prints its URL (and the Prolific one)")
    .option("--cap <n>", "most annotators who may enter through it")
    .option("--expires <duration>", "expires after this many days: 14d, 2w (default: never)")
    .option("--label <label>", "a label to tell links apart", "")
    .option("--user <email>", "act as this researcher or admin (default: the operator)")
    .option("--base-url <url>", "the web app's address", "http://localhost:3000")
    .action(
      (campaignId: string, opts: { cap?: string; expires?: string; label: string; user?: string; baseUrl: string }) =>
        withDatabase(async () => {
          const { createJoinLink } = await import("../../lib/access/join-links");
          const link = await createJoinLink(await actingUser(opts.user), campaignId, {
            label: opts.label,
            maxAnnotators: opts.cap,
            expiresInDays: parseDays("--expires", opts.expires),
          });
          const url = new URL(link.path, opts.baseUrl).toString();
          console.log(url);
          console.error(
            `Prolific: ${url}?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}`,
          );
          console.error(
            `${link.maxAnnotators === null ? "no cap" : `cap ${link.maxAnnotators}`}, ` +
              `${link.expiresAt ? `expires ${link.expiresAt.toISOString()}` : "never expires"}`,
          );
        }),
    );
}
