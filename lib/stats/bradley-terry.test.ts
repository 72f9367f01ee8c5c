import { describe, expect, it } from "vitest";
import { fitBradleyTerry, toArenaRatings } from "./bradley-terry";
import { buildMatchupStats, matchupTotals, pairIndexOf, pairModels, winMatrix } from "./matchups";
import { intervalRanks } from "./ranks";
import type { Judgment, Winner } from "./types";

const LOG10E400 = 400 / Math.LN10; // Arena points per logit

describe("Bradley–Terry fit", () => {
  it("two models, 3 wins to 1: θA − θB = ln 3, ratings 1000 ± 200·log₁₀3", () => {
    const theta = fitBradleyTerry([0, 3, 1, 0], 2, { priorPrecision: 1e-9 });
    expect(theta[0] - theta[1]).toBeCloseTo(Math.log(3), 6);
    const r = toArenaRatings(theta);
    expect(r[0]).toBeCloseTo(1000 + 200 * Math.log10(3), 3); // 1095.424
    expect(r[1]).toBeCloseTo(1000 - 200 * Math.log10(3), 3);
  });
  it("three models with consistent odds 4 : 2 : 1 recover log-strengths exactly", () => {
    // A–B 2:1, B–C 2:1, A–C 4:1. With s = (4, 2, 1) every pair's score equation w_ij = n_ij·s_i/(s_i+s_j)
    // holds (2 = 3·4/6, 2 = 3·2/3, 4 = 5·4/5), so the MLE is θ = ln s − mean(ln s):
    // ratings 1000 + 400·(log₁₀ s − log₁₀ 2) = 1120.412, 1000, 879.588.
    const w = [0, 2, 4, 1, 0, 2, 1, 1, 0];
    const r = toArenaRatings(fitBradleyTerry(w, 3, { priorPrecision: 1e-9 }));
    expect(r[0]).toBeCloseTo(1120.412, 2);
    expect(r[1]).toBeCloseTo(1000, 2);
    expect(r[2]).toBeCloseTo(879.588, 2);
  });
  it("the default prior shrinks that 11-game fit by under 1 point (its Fisher information is ~2.5 per model vs λ = 0.01)", () => {
    const r = toArenaRatings(fitBradleyTerry([0, 2, 4, 1, 0, 2, 1, 1, 0], 3));
    expect(Math.abs(r[0] - 1120.412)).toBeLessThan(1);
    expect(Math.abs(r[2] - 879.588)).toBeLessThan(1);
    expect(r[0]).toBeLessThan(1120.412); // shrinkage is toward the mean
  });
  it("stays finite on perfectly separated data and on a disconnected graph", () => {
    const separated = fitBradleyTerry([0, 10, 0, 0], 2);
    expect(Number.isFinite(separated[0])).toBe(true);
    expect(separated[0]).toBeGreaterThan(separated[1]);
    // {0,1} and {2,3} never meet: each component is centred, the mean stays 0 (rating 1000).
    const w = new Array(16).fill(0);
    w[0 * 4 + 1] = 3;
    w[1 * 4 + 0] = 1;
    w[2 * 4 + 3] = 1;
    w[3 * 4 + 2] = 3;
    const t = fitBradleyTerry(w, 4);
    expect(t.every(Number.isFinite)).toBe(true);
    expect(t.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    expect(t[0] + t[1]).toBeCloseTo(0, 6);
  });
  it("counts a tie as half a win: 2 wins + 2 ties against 0 equals 3 : 1", () => {
    const units: Judgment[] = (["A", "A", "tie", "tie"] as Winner[]).map((winner, i) => ({
      pairId: `p${i}`,
      promptId: `q${i}`,
      modelA: "x",
      modelB: "y",
      winner,
    }));
    const stats = buildMatchupStats(units);
    const theta = fitBradleyTerry(winMatrix(matchupTotals(stats), 2), 2, { priorPrecision: 1e-9 });
    expect((theta[0] - theta[1]) * LOG10E400).toBeCloseTo(400 * Math.log10(3), 3);
  });
  it("anchors a model to a given rating by shifting every rating", () => {
    const r = toArenaRatings(Float64Array.from([0.5, -0.5]), { index: 1, rating: 1200 });
    expect(r[1]).toBe(1200);
    expect(r[0] - r[1]).toBeCloseTo(LOG10E400, 9);
  });
});

describe("matchup sufficient statistics", () => {
  it("pair indices enumerate i < j row by row and invert", () => {
    const K = 5;
    let p = 0;
    for (let i = 0; i < K; i++)
      for (let j = i + 1; j < K; j++) {
        expect(pairIndexOf(i, j, K)).toBe(p);
        expect(pairModels(p, K)).toEqual([i, j]);
        p++;
      }
  });
  it("totals count wins of the lower-index model, of the higher, and ties", () => {
    const u = (promptId: string, modelA: string, modelB: string, winner: Winner): Judgment => ({
      pairId: promptId + modelA,
      promptId,
      modelA,
      modelB,
      winner,
    });
    const stats = buildMatchupStats([
      u("q1", "b", "a", "A"),
      u("q1", "a", "b", "tie"),
      u("q2", "a", "c", "B"),
      u("q2", "c", "b", "A"),
    ]);
    expect(stats.models).toEqual(["a", "b", "c"]);
    expect(stats.clusters).toEqual(["q1", "q2"]);
    // pairs: (a,b)=0, (a,c)=1, (b,c)=2; b beat a once and tied once; c beat a; c beat b
    expect(Array.from(matchupTotals(stats))).toEqual([0, 1, 1, 0, 1, 0, 0, 1, 0]);
    expect(Array.from(matchupTotals(stats, [2, 0]))).toEqual([0, 2, 2, 0, 0, 0, 0, 0, 0]);
  });
});

describe("interval-aware ranks", () => {
  it("rank = 1 + number of models whose lower bound is above my upper bound", () => {
    const ranks = intervalRanks([
      { lower: 1100, upper: 1200 },
      { lower: 1050, upper: 1150 }, // overlaps the first → also rank 1
      { lower: 900, upper: 1000 }, // below both → rank 3
      { lower: 980, upper: 1060 }, // below the first only → rank 2
    ]);
    expect(ranks).toEqual([1, 1, 3, 2]);
  });
});
