/**
 * npm run demo — the whole product on its embedded defaults: PostgreSQL, migrations, demo data,
 * the built web app. Ctrl-C stops everything, the database included.
 */
import { DEMO_USERS } from "../lib/demo/demo-content";
import { buildWeb, onShutdown, prepareDatabase, startWeb } from "./support/stack";

const database = await prepareDatabase();
const { seedDemo } = await import("../lib/demo/seed-demo");
const { disconnectDb } = await import("../lib/db");
const { campaignId } = await seedDemo();
await disconnectDb();
await buildWeb();
const web = await startWeb({ port: Number(process.env.PORT ?? 3000) });

console.log(`
Photogenic is running at ${web.url}
  database: ${database.embedded ? "embedded PostgreSQL in .data/pg" : "DATABASE_URL"}
  demo campaign: ${web.url}/campaigns/${campaignId}
Sign in as:
${DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email}  /  ${u.password}`).join("\n")}
Ctrl-C stops everything.`);

onShutdown(async () => {
  await web.stop();
  await database.stop();
});
web.process.on("exit", async (code) => {
  console.error(`The web server exited (${code}).`);
  await database.stop();
  process.exit(code ?? 1);
});
