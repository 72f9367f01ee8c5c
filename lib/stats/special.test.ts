import { describe, expect, it } from "vitest";
import {
  chiSquareSurvival,
  logChoose,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaQ,
  zForLevel,
} from "./special";

// Reference values: Abramowitz & Stegun (1964), Table 26.1 and 26.5 (normal distribution),
// and exact factorials for log-gamma.
describe("normal distribution", () => {
  it("matches published CDF values to 1e-12", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 12);
    // Tail probabilities to 1e-12 relative: Φ(−5) = 2.866515718791939e-7, Φ(−8) = 6.22096057427178e-16.
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 12);
  });
  it("matches published quantiles to 1e-12", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(zForLevel(0.9)).toBeCloseTo(1.6448536269514722, 12);
  });
  it("quantile inverts the CDF (|Δ| < 1e-9; upper tail by symmetry, since 1 − Φ(x) near 1 has too few bits)", () => {
    for (let x = -6; x <= 2; x += 0.37) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 9);
  });
});

describe("log-gamma", () => {
  it("equals ln((n−1)!) and ln √π (relative error < 1e-13)", () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(171) / 706.5730622457874).toBeCloseTo(1, 13); // ln(170!)
  });
  it("gives binomial coefficients", () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2598960, 4);
    expect(logChoose(5, 6)).toBe(-Infinity);
  });
});

// Closed forms of the chi-square upper tail (Abramowitz & Stegun 26.4.4, 26.4.21): df = 2 gives
// e^{−x/2}, df = 4 gives e^{−x/2}(1 + x/2), df = 1 gives 2·(1 − Φ(√x)); critical values from A&S
// Table 26.8: P(χ²₁ ≥ 3.841459) = P(χ²₂ ≥ 5.991465) = P(χ²₁₀ ≥ 18.307038) = 0.05.
describe("chi-square upper tail", () => {
  it("matches the closed forms for df = 1, 2, 4 to 1e-12", () => {
    for (const x of [0.001, 0.5, 2, 7.5, 30, 90]) {
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
      expect(chiSquareSurvival(x, 4) / (Math.exp(-x / 2) * (1 + x / 2))).toBeCloseTo(1, 12);
      expect(chiSquareSurvival(x, 1) / (2 * normalCdf(-Math.sqrt(x)))).toBeCloseTo(1, 10);
    }
  });
  it("matches tabled 5% critical values", () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(18.307038, 10)).toBeCloseTo(0.05, 6);
  });
  it("is 1 at 0 and rejects df ≤ 0", () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(regularizedGammaQ(2, 0)).toBe(1);
    expect(() => chiSquareSurvival(1, 0)).toThrow(/df/);
  });
});
