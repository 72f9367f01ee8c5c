import { describe, expect, it } from "vitest";
import { createRng, xoshiro128StarStar } from "./rng";

describe("xoshiro128**", () => {
  it("reproduces the reference C implementation from state {1, 2, 3, 4}", () => {
    // Output of https://prng.di.unimi.it/xoshiro128starstar.c compiled with gcc, s = {1, 2, 3, 4}.
    const rng = xoshiro128StarStar([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });
  it("is deterministic per seed and differs between seeds", () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it("draws integers uniformly: each of 10 values within 5 standard errors of 10,000 in 100,000 draws", () => {
    const rng = createRng(7);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    const se = Math.sqrt(100_000 * 0.1 * 0.9); // ≈ 95
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * se);
  });
  it("tally: the same draws as n calls of int(n), counted, and the stream goes on where they would leave it", () => {
    // Both sides of the 2^15 switch in tally's remainder, and several rounds on one generator.
    for (const n of [1, 2, 7, 1632, 32767, 32768, 100_003]) {
      const fast = createRng(n);
      const slow = createRng(n);
      const counts = new Int32Array(n);
      for (let round = 0; round < 3; round++) {
        fast.tally(counts);
        const expected = new Int32Array(n);
        for (let i = 0; i < n; i++) expected[slow.int(n)]++;
        expect(counts).toEqual(expected);
      }
      expect(fast.nextUint32()).toBe(slow.nextUint32());
    }
    const empty = new Int32Array(0);
    createRng(1).tally(empty);
    expect(empty.length).toBe(0);
  });
  it("rejects an impossible range", () => {
    expect(() => createRng(1).int(0)).toThrow(RangeError);
  });
});
