import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db";
import { listenForQueues, notifyQueues } from "./wake-up";

afterAll(() => disconnectDb());

/** Resolves with the names heard until `count` arrived. */
function collect(count: number) {
  const heard: string[] = [];
  const errors: string[] = [];
  let done: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const listener = listenForQueues(
    (name) => {
      heard.push(name);
      if (heard.length === count) done();
    },
    (error) => errors.push(error.message),
  );
  return { heard, errors, all, listener };
}

async function listening(): Promise<number[]> {
  for (let i = 0; i < 100; i++) {
    const rows = await db.$queryRaw<
      { pid: number }[]
    >`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`;
    if (rows.length > 0) return rows.map((r) => r.pid);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the listener never connected");
}

describe("queue wake-up (LISTEN/NOTIFY)", () => {
  it("delivers each queued name to a listening worker, and again after its connection was cut", async () => {
    const { heard, errors, all, listener } = collect(4);
    const [pid] = await listening();
    await notifyQueues(["generate__a", "generate__b"]);
    await expect.poll(() => heard.length).toBe(2);
    expect(heard).toEqual(["generate__a", "generate__b"]);

    await db.$executeRaw`SELECT pg_terminate_backend(${pid}::int)`;
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    await expect.poll(async () => (await listening()).some((p) => p !== pid), { timeout: 10_000 }).toBe(true);
    await notifyQueues(["generate__c", "generate__a"]);
    await all;
    expect(heard).toEqual(["generate__a", "generate__b", "generate__c", "generate__a"]);
    await listener.stop();
    await expect
      .poll(
        async () =>
          (
            await db.$queryRaw<
              unknown[]
            >`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`
          ).length,
      )
      .toBe(0);
  });

  it("sends nothing for an empty list", async () => {
    await expect(notifyQueues([])).resolves.toBeUndefined();
  });
});
