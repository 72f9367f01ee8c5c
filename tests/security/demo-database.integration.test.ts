import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../../lib/db";
import { DEMO_USERS } from "../../lib/demo/demo-content";
import { seedDemo } from "../../lib/demo/seed-demo";

/**
 * Issue 16 item 6: `npm run demo` seeded accounts with published passwords into whatever
 * DATABASE_URL named (a production database included). The seed now refuses unless the database
 * is the embedded one the demo started, or `--demo-data` says so. Failed before the fix (the
 * demo users were created).
 */
afterAll(async () => {
  await disconnectDb();
});

describe("the demo seed and a database it did not start", () => {
  it("refuses an external DATABASE_URL without --demo-data, and writes nothing", async () => {
    const error = await seedDemo({ embedded: false }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/--demo-data/);
    expect(error?.message).toMatch(/known passwords/);
    expect(await db.user.count({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } })).toBe(0);
  });
});
