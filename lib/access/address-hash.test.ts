import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setEnv } from "../env";
import { addressHash } from "./address-hash";

const SECRET = "unit-test-secret-0123456789";
beforeAll(() => setEnv("AUTH_SECRET", SECRET));

describe("address hashes", () => {
  it("are the documented HMAC, equal within a campaign and unrelated across campaigns", () => {
    const key = createHmac("sha256", SECRET).update("photogenic:address-hash").digest();
    const expected = createHmac("sha256", key).update("c1\u0000203.0.113.7").digest("hex").slice(0, 32);
    expect(addressHash("c1", "203.0.113.7")).toBe(expected);
    expect(addressHash("c1", " ::FFFF:203.0.113.7 ")).toBe(expected);
    expect(addressHash("c2", "203.0.113.7")).not.toBe(expected);
    expect(addressHash("c1", "203.0.113.8")).not.toBe(expected);
    expect(addressHash("c1", "2001:db8::1")).toMatch(/^[0-9a-f]{32}$/);
  });

  it("are null without a valid address", () => {
    for (const bad of [null, undefined, "", "unknown", "1.2.3.4; DROP", "x".repeat(100)])
      expect(addressHash("c1", bad)).toBeNull();
  });
});
