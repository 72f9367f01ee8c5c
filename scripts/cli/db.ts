import type { Command } from "commander";
import { prepareDatabase, run } from "../support/stack";

export function registerDbCommands(program: Command): void {
  const db = program.command("db").description("Database");
  db.command("migrate")
    .description("Apply prisma/migrations to DATABASE_URL (or the embedded PostgreSQL)")
    .action(async () => {
      const database = await prepareDatabase();
      console.log(`Migrated ${database.embedded ? "the embedded PostgreSQL (.data/pg)" : "DATABASE_URL"}.`);
      await database.stop();
    });
  db.command("new-migration <name>")
    .description("Write the next migration from schema.prisma changes (offline)")
    .action(async (name: string) => run(process.execPath, ["--import", "tsx", "scripts/new-migration.ts", name]));

  program
    .command("demo")
    .description("Run the product on its embedded defaults (same as npm run demo)")
    .option("--demo-data", "seed the demo logins (known passwords) into DATABASE_URL too")
    .action(async (options: { demoData?: boolean }) =>
      run(process.execPath, [
        "--conditions=react-server",
        "--import",
        "tsx",
        "scripts/demo.ts",
        ...(options.demoData ? ["--demo-data"] : []),
      ]),
    );
}
