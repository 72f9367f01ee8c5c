import { describe, expect, it } from "vitest";
import { DeviceLock } from "./device-lock";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("DeviceLock", () => {
  it("runs one piece of work at a time, in the order asked, and a failure does not block the next", async () => {
    const lock = new DeviceLock();
    const events: string[] = [];
    let running = 0;
    let most = 0;
    const work = (name: string, fail = false) => async () => {
      running++;
      most = Math.max(most, running);
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([lock.run(work("a")), lock.run(work("b", true)), lock.run(work("c"))]);
    expect(most).toBe(1);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe("c");
  });
});
