import { describe, expect, it } from "vitest";
import { binomialTestTwoSided } from "./binomial-test";
import { newcombeDifference } from "./newcombe";
import { wilsonInterval } from "./wilson";

describe("Wilson score interval", () => {
  // Newcombe (1998), Stat. Med. 17:857–872, Table II, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → [%f, %f] to 4 decimals", (x, n, lo, hi) => {
    const w = wilsonInterval(x, n);
    expect(w.lower).toBeCloseTo(lo, 4);
    expect(w.upper).toBeCloseTo(hi, 4);
  });
  it("matches a hand derivation at 8/10", () => {
    // z = 1.959964, z²/n = 0.3841459; centre = (0.8 + 0.1920729)/1.3841459 = 0.7167402;
    // half = 1.959964/1.3841459 · √(0.016 + 0.3841459/40) = 1.416010 · 0.1600114 = 0.2265777.
    const w = wilsonInterval(8, 10);
    expect(w.lower).toBeCloseTo(0.7167402 - 0.2265777, 6);
    expect(w.upper).toBeCloseTo(0.7167402 + 0.2265777, 6);
  });
  it("is [0, 1] without data and narrows with a lower level", () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
    const w95 = wilsonInterval(30, 50),
      w80 = wilsonInterval(30, 50, 0.8);
    expect(w80.upper - w80.lower).toBeLessThan(w95.upper - w95.lower);
  });
});

describe("Newcombe difference interval (method 10)", () => {
  // Newcombe (1998), Stat. Med. 17:873–890, Table II, method 10.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
    [10, 10, 0, 10, 0.6075, 1.0],
  ])("%i/%i − %i/%i → [%f, %f]", (x1, n1, x2, n2, lo, hi) => {
    const d = newcombeDifference(x1, n1, x2, n2);
    expect(d.lower).toBeCloseTo(lo, 4);
    expect(d.upper).toBeCloseTo(hi, 4);
  });
  it("combines the Wilson limits as the hybrid formula says (6/7 − 2/7)", () => {
    const w1 = wilsonInterval(6, 7),
      w2 = wilsonInterval(2, 7);
    const d = newcombeDifference(6, 7, 2, 7);
    expect(d.lower).toBeCloseTo(4 / 7 - Math.hypot(6 / 7 - w1.lower, w2.upper - 2 / 7), 12);
    expect(d.upper).toBeCloseTo(4 / 7 + Math.hypot(w1.upper - 6 / 7, 2 / 7 - w2.lower), 12);
  });
});

describe("exact two-sided binomial test", () => {
  it("7 of 10 at ½: 2·(C(10,7)+C(10,8)+C(10,9)+C(10,10))/2¹⁰ = 2·176/1024", () => {
    expect(binomialTestTwoSided(7, 10)).toBeCloseTo(352 / 1024, 12);
  });
  it("0 of 5 at ½: 2/32", () => {
    expect(binomialTestTwoSided(0, 5)).toBeCloseTo(0.0625, 12);
  });
  it("5 of 10 at ½ is 1", () => {
    expect(binomialTestTwoSided(5, 10)).toBeCloseTo(1, 12);
  });
  it("682 of 925 at ¾: p = 0.3825 (R documentation example of binom.test)", () => {
    expect(binomialTestTwoSided(682, 925, 0.75)).toBeCloseTo(0.3825, 4);
  });
  it("agrees with scipy.stats.binomtest (an independent implementation) to 1e-9 relative", () => {
    expect(binomialTestTwoSided(17, 20, 0.3) / 5.426947467863097e-7).toBeCloseTo(1, 9);
    expect(binomialTestTwoSided(40, 100, 0.37)).toBeCloseTo(0.535764245004513, 10);
    expect(binomialTestTwoSided(9000, 17800)).toBeCloseTo(0.13581017280602078, 9);
    expect(binomialTestTwoSided(0, 10, 0.1)).toBeCloseTo(0.612579511, 10);
  });
  it("handles no trials and rejects non-integers", () => {
    expect(binomialTestTwoSided(0, 0)).toBe(1);
    expect(() => binomialTestTwoSided(1.5, 3)).toThrow(RangeError);
  });
});
