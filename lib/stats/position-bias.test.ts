import { describe, expect, it } from "vitest";
import { adjustedPositionBias, positionBias } from "./position-bias";
import { createRng } from "./rng";
import type { Judgment } from "./types";

const key = (left: string, right: string) => `${left}\u0000${right}`;

describe("adjustedPositionBias (Bradley–Terry with a left advantage)", () => {
  it("matches the closed form of the saturated two-model case", () => {
    // Two models, both orders: logit(a₁/n₁) = d + α and logit(a₂/n₂) = −d + α, so
    // α̂ = (logit 0.8 + logit 0.4)/2 = (1.386294 − 0.405465)/2 = 0.490415 and
    // Var α̂ = ¼·(1/(n₁p₁q₁) + 1/(n₂p₂q₂)) = ¼·(1/48 + 1/24) = 0.015625, SE 0.125.
    // The prior (λ = 0.01 on θ and α) moves these by < 0.002.
    const r = adjustedPositionBias({ [key("strong", "weak")]: [240, 60], [key("weak", "strong")]: [40, 60] })!;
    expect(r.leftAdvantage).toBeCloseTo(0.490415, 2);
    expect(Math.abs(r.leftAdvantage - 0.490415)).toBeLessThan(0.002);
    expect(Math.abs(r.standardError - 0.125)).toBeLessThan(0.001);
    expect(r.leftShare).toBeCloseTo(1 / (1 + Math.exp(-r.leftAdvantage)), 12);
    // Wald: z = 0.490415/0.125 = 3.92, p = 2Φ(−3.92) ≈ 8.8e-5.
    expect(r.pValue).toBeGreaterThan(5e-5);
    expect(r.pValue).toBeLessThan(1.5e-4);
    expect(r.decisive).toBe(400);
    expect(r.models).toBe(2);
  });

  it("null without decisive votes", () => {
    expect(adjustedPositionBias({})).toBeNull();
    expect(adjustedPositionBias({ [key("a", "b")]: [0, 0] })).toBeNull();
  });
});

/**
 * The strong model is shown left 75 % of the time and wins 80 % of decisive votes on either side:
 * no side effect at all. The raw left share is then 0.75·0.8 + 0.25·0.2 = 65 %.
 */
function unbalanced(seed: number, votes: number): Judgment[] {
  const rng = createRng(seed);
  return Array.from({ length: votes }, (_, n): Judgment => {
    const strongLeft = rng.next() < 0.75;
    const strongWins = rng.next() < 0.8;
    return {
      pairId: `p${n}`,
      promptId: `q${n}`,
      modelA: "strong",
      modelB: "weak",
      winner: strongWins ? "A" : "B",
      leftModel: strongLeft ? "strong" : "weak",
    };
  });
}

describe("position bias with a deliberately unbalanced placement and no side effect", () => {
  it("exact counts: the raw share says 65 %, p < 1e-8; adjusted for the models it is 50 %, p ≈ 1", () => {
    // 300 strong-left votes (240 left wins), 100 weak-left votes (20 left wins): α = 0 exactly.
    const judgments: Judgment[] = [];
    const add = (n: number, left: string, winner: "A" | "B") => {
      for (let i = 0; i < n; i++)
        judgments.push({
          pairId: `p${judgments.length}`,
          promptId: `q${judgments.length}`,
          modelA: "strong",
          modelB: "weak",
          winner,
          leftModel: left,
        });
    };
    add(240, "strong", "A");
    add(60, "strong", "B");
    add(20, "weak", "B");
    add(80, "weak", "A");
    const pb = positionBias(judgments);
    expect(pb.leftShare).toBe(0.65);
    expect(pb.pValue).toBeLessThan(1e-8); // the naive estimate would report a side effect
    const adj = pb.adjusted!;
    expect(Math.abs(adj.leftAdvantage)).toBeLessThan(1e-3);
    expect(adj.leftShare).toBeCloseTo(0.5, 3);
    expect(adj.pValue).toBeGreaterThan(0.99);
    expect(adj.interval.lower).toBeLessThan(0.5);
    expect(adj.interval.upper).toBeGreaterThan(0.5);
  });

  it("200 simulated campaigns of 400 votes: raw test rejects in nearly all, the adjusted one at its nominal 5 %", () => {
    let raw = 0,
      adjusted = 0;
    const campaigns = 200;
    for (let c = 0; c < campaigns; c++) {
      const pb = positionBias(unbalanced(1000 + c, 400));
      if (pb.pValue < 0.05) raw++;
      if (pb.adjusted!.pValue < 0.05) adjusted++;
    }
    expect(raw / campaigns).toBeGreaterThan(0.99);
    // Binomial(200, 0.05): mean 10, P(X ≥ 19) < 0.01.
    expect(adjusted / campaigns).toBeLessThan(19 / campaigns);
  });
});
