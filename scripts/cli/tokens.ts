import { Option, type Command } from "commander";
import { TOKEN_SCOPES } from "../../lib/auth/permissions";
import { actingUser, owningUser } from "./acting-user";
import { parseDays } from "./durations";
import { withDatabase } from "./with-database";

const when = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") : "never");

/** `photogenic tokens …`: personal API tokens, as on the account page, for any researcher or admin. */
export function registerTokenCommands(program: Command): void {
  const tokens = program.command("tokens").description("Personal API tokens (Authorization: Bearer …)");
  tokens
    .command("create")
    .description("Make a token for a user; it is printed once and stored only as a hash")
    .requiredOption("--user <email>", "the researcher or admin the token acts as")
    .addOption(
      new Option("--scope <scope>", "read: only reads; write: also creates and launches")
        .choices(TOKEN_SCOPES)
        .makeOptionMandatory(),
    )
    .option("--expires <duration>", 'expires after 30d, 12w, 1y … or "never"', "90d")
    .option("--name <name>", "what the token is for", "")
    .action((opts: { user: string; scope: string; expires: string; name: string }) =>
      withDatabase(async () => {
        const { createApiToken } = await import("../../lib/api-tokens/api-tokens");
        const { token, row } = await createApiToken(await owningUser(opts.user, "tokens create"), {
          name: opts.name,
          scope: opts.scope,
          expiresInDays: parseDays("--expires", opts.expires),
        });
        console.log(token);
        console.error(
          `Token ${row.id} (${row.scope}) for ${row.owner}, expires ${when(row.expiresAt)}. It is not shown again.`,
        );
      }),
    );
  tokens
    .command("list")
    .description("Tokens with their scope, last use and state (every user's unless --user)")
    .option("--user <email>", "only this user's tokens")
    .option("--json", "print JSON")
    .action((opts: { user?: string; json?: boolean }) =>
      withDatabase(async () => {
        const { listApiTokens } = await import("../../lib/api-tokens/api-tokens");
        const rows = await listApiTokens(await actingUser(opts.user), { everyone: opts.user === undefined });
        if (opts.json) return console.log(JSON.stringify(rows, null, 2));
        if (rows.length === 0) return console.log("No API tokens.");
        for (const t of rows)
          console.log(
            `${t.id}  ${t.prefix}…  ${t.scope.padEnd(5)}  ${t.state.padEnd(7)}  last used ${when(t.lastUsedAt).padEnd(16)}  expires ${when(t.expiresAt).padEnd(16)}  ${t.owner ?? ""}  ${t.name}`,
          );
      }),
    );
  tokens
    .command("revoke <tokenId>")
    .description("Revoke a token: its next request is refused")
    .option("--user <email>", "act as this user (default: the operator, who may revoke any token)")
    .action((tokenId: string, opts: { user?: string }) =>
      withDatabase(async () => {
        const { revokeApiToken } = await import("../../lib/api-tokens/api-tokens");
        await revokeApiToken(await actingUser(opts.user), tokenId);
        console.log(`Revoked ${tokenId}`);
      }),
    );
}
