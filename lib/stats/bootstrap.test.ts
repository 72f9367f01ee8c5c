import { describe, expect, it } from "vitest";
import { bcaInterval, jackknifeAcceleration, percentileInterval } from "./bca";
import { clusterBootstrapRatios } from "./cluster-bootstrap";
import { quantileSorted } from "./quantile";

describe("quantiles and the percentile interval", () => {
  it("interpolates as Hyndman–Fan type 7: 1..9 at 2.5% → 1 + 8·0.025 = 1.2", () => {
    const s = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(quantileSorted(s, 0.025)).toBeCloseTo(1.2, 12);
    expect(quantileSorted(s, 0.5)).toBe(5);
    expect(percentileInterval([9, 1, 8, 2, 7, 3, 6, 4, 5])).toEqual({
      lower: expect.closeTo(1.2, 12),
      upper: expect.closeTo(8.8, 12),
    });
  });
});

describe("BCa interval", () => {
  it("equals the percentile interval when z₀ = 0 and a = 0", () => {
    // 4 replicates below θ̂ = 5, one equal: share (4 + ½)/9 = ½ → z₀ = 0; jackknife symmetric → a = 0.
    expect(bcaInterval(5, [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3])).toEqual({
      lower: expect.closeTo(1.2, 12),
      upper: expect.closeTo(8.8, 12),
    });
  });
  it("matches a hand derivation with bias and skew", () => {
    // θ̂ = 3.5, replicates 1..9: 3 below → z₀ = Φ⁻¹(1/3) = −0.4307273.
    // Jackknife (0, 0, 3): mean 1, deviations (1, 1, −2): Σd² = 6, Σd³ = −6 → a = −6/(6·6^1.5) = −0.0680414.
    // Lower: t = z₀ − 1.959964 = −2.390691; 1 − a·t = 0.837334; Φ(z₀ + t/0.837334) = Φ(−3.285850) = 0.000508376
    //   → quantile 1 + 8·0.000508376 = 1.004067.
    // Upper: t = z₀ + 1.959964 = 1.529237; 1 − a·t = 1.104051; Φ(0.954386) = 0.830056 → 1 + 8·0.830056 = 7.640448.
    expect(jackknifeAcceleration([0, 0, 3])).toBeCloseTo(-0.0680414, 6);
    const i = bcaInterval(3.5, [1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 0, 3]);
    expect(i.lower).toBeCloseTo(1.004067, 5);
    expect(i.upper).toBeCloseTo(7.640448, 5);
  });
});

describe("cluster bootstrap of a ratio", () => {
  it("is deterministic for a seed", () => {
    const col = { num: [1, 0, 2, 1, 3, 0, 1], den: [2, 1, 3, 2, 3, 1, 2] };
    const a = clusterBootstrapRatios([col], { rounds: 200, seed: 5 });
    const b = clusterBootstrapRatios([col], { rounds: 200, seed: 5 });
    expect(a).toEqual(b);
    expect(clusterBootstrapRatios([col], { rounds: 200, seed: 6 })[0].standardError).not.toBe(a[0].standardError);
  });
  it("has zero width when every cluster has the same ratio", () => {
    const r = clusterBootstrapRatios([{ num: [1, 2, 3], den: [2, 4, 6] }], { rounds: 100, seed: 1 })[0];
    expect(r.estimate).toBe(0.5);
    expect(r.percentile).toEqual({ lower: 0.5, upper: 0.5 });
    expect(r.bca).toEqual({ lower: 0.5, upper: 0.5 });
  });
  it("reproduces the plug-in standard error √(p̂(1−p̂)/n) for one outcome per cluster (±5%)", () => {
    // 200 clusters of one Bernoulli outcome each, 60 successes: the bootstrap SE of a mean is
    // √(p̂(1−p̂)/n) = √(0.3·0.7/200) = 0.0324037 in expectation (Efron & Tibshirani 1993, §6.2).
    const num = Array.from({ length: 200 }, (_, i) => (i < 60 ? 1 : 0));
    const r = clusterBootstrapRatios([{ num, den: new Array(200).fill(1) }], { rounds: 4000, seed: 11 })[0];
    expect(r.standardError).toBeGreaterThan(0.0324037 * 0.95);
    expect(r.standardError).toBeLessThan(0.0324037 * 1.05);
    // and its 95% percentile interval is close to p̂ ± 1.96·SE = [0.2365, 0.3635]
    expect(r.percentile.lower).toBeCloseTo(0.2365, 1);
    expect(r.percentile.upper).toBeCloseTo(0.3635, 1);
  });
  it("widens with correlated clusters: 10 prompts that are all-win or all-loss", () => {
    // 5 prompts with 10 wins, 5 with 10 losses: per-judgment SE would be √(.25/100) = 0.05, but the
    // cluster SE is that of 10 outcomes, √(.25/10) = 0.158 (the design effect is m = 10).
    const r = clusterBootstrapRatios([{ num: [10, 10, 10, 10, 10, 0, 0, 0, 0, 0], den: new Array(10).fill(10) }], {
      rounds: 4000,
      seed: 3,
    })[0];
    expect(r.standardError).toBeGreaterThan(0.158 * 0.9);
    expect(r.standardError).toBeLessThan(0.158 * 1.1);
  });
  it("skips resamples where the ratio is undefined", () => {
    const r = clusterBootstrapRatios([{ num: [0, 1], den: [0, 1] }], { rounds: 400, seed: 2 })[0];
    // P(both draws hit the empty cluster) = ¼ → about 300 valid rounds.
    expect(r.validRounds).toBeGreaterThan(250);
    expect(r.validRounds).toBeLessThan(350);
    expect(r.estimate).toBe(1);
  });
});
