import { describe, expect, it } from "vitest";
import { fixedPromptsForPower } from "../planning";
import { kendallTau } from "../ranks";
import { createRng } from "../rng";
import {
  createPointTests,
  createSequenceMonitor,
  decideComparison,
  expectedPromptsToDecision,
  leaderboardSequences,
  maxLogCapital,
  pairPriorities,
  pairPriority,
  planWinRateDesigns,
  winRateConfidenceSequence,
  type BettingRule,
  type ConfidenceSequence,
} from "./index";
import { createPromptModel, modelWinRate } from "./simulate";

// A fixed outcome sequence (win 1, tie ½, loss 0) for the reference values below.
const X = [1, 0.5, 1, 0, 1, 1, 0.5, 1, 1, 0, 1, 1, 1, 0.5, 1, 1, 0, 1, 1, 1];

describe("betting capital: values computed independently", () => {
  // Reference: a separate Python implementation written from WSR (2023) eq. (26) (regularised μ̂,
  // σ̂²), §5.1 (aGRAPA) and Thm 3 (hedged, plug-in λ = √(2 log(2/α)/(σ̂²ᵢ₋₁ i log(1+i))) ∧ c, θ = ½),
  // c = ½, α = 0.05; it prints max_t log K_t(m) for this X.
  it.each([
    ["agrapa", 0.3, 8.08361259117443],
    ["agrapa", 0.5, 3.0412465591017908],
    ["agrapa", 0.7, 0],
    ["hedged", 0.3, 3.306690864664439],
    ["hedged", 0.5, 1.5678163204836484],
    ["hedged", 0.7, 0],
  ] as const)("%s at m = %f: max log K = %f (tolerance 1e-9)", (rule, m, expected) => {
    expect(Math.abs(maxLogCapital(X, m, { rule: rule as BettingRule }) - expected)).toBeLessThan(1e-9);
  });

  it("incremental point tests agree with the one-shot capital", () => {
    const t = createPointTests([0.3, 0.5, 0.7]);
    X.forEach((x) => t.push(x));
    expect(t.maxLogCapital(0)).toBeCloseTo(maxLogCapital(X, 0.3), 12);
    expect(t.rejected(0)).toBe(true); // 8.08 ≥ log 20 = 3.00
    expect(t.rejected(1)).toBe(true); // 3.04 ≥ 3.00
    expect(t.rejected(2)).toBe(false); // 0 < 3.00
    expect(t.n).toBe(20);
    expect(t.estimate).toBeCloseTo(15.5 / 20, 12);
  });

  it("matches a hand computation of the first three bets", () => {
    // Outcomes 1, 0, 1 at m = ½ by hand: λ₁ = 0 (μ̂₀ = ½), then λ₂, λ₃ from μ̂₁ = ¾,
    // σ̂²₁ = (¼ + (1 − ¾)²)/2 and μ̂₂, σ̂²₂, each truncated to [−c/(1 − m), c/m] = [−1, 1].
    const s1 = (0.25 + 0.0625) / 2,
      l2 = Math.min(1, 0.25 / (s1 + 0.0625));
    const mu2 = (0.5 + 1) / 3,
      s2 = (0.25 + 0.0625 + (0 - mu2) ** 2) / 3;
    const l3 = Math.min(1, (mu2 - 0.5) / (s2 + (mu2 - 0.5) ** 2));
    const logK = Math.log(1 - 0.5 * l2) + Math.log(1 + 0.5 * l3);
    const t = createPointTests([0.5]);
    [1, 0, 1].forEach((x) => t.push(x));
    expect(t.maxLogCapital(0)).toBeCloseTo(Math.max(0, Math.log(1 - 0.5 * l2), logK), 12);
  });
});

describe("winRateConfidenceSequence", () => {
  it("is [0, 1] before any outcome and contains the estimate", () => {
    expect(winRateConfidenceSequence([])).toMatchObject({ lower: 0, upper: 1, n: 0 });
    const cs = winRateConfidenceSequence(X);
    expect(cs.lower).toBeLessThan(cs.estimate);
    expect(cs.upper).toBeGreaterThan(cs.estimate);
    expect(cs.estimate).toBeCloseTo(0.775, 12);
  });

  it.each(["agrapa", "hedged"] as const)("%s: its ends are the boundary of the accepted set on a fine grid", (rule) => {
    const rng = createRng(11);
    const xs = Array.from({ length: 150 }, () => (rng.next() < 0.2 ? 0.5 : rng.next() < 0.62 ? 1 : 0));
    const cs = winRateConfidenceSequence(xs, { rule });
    const threshold = Math.log(20);
    for (let k = 0; k <= 2000; k++) {
      const m = k / 2000;
      const accepted = maxLogCapital(xs, m, { rule }) < threshold;
      // every accepted grid point lies in [lower, upper]; every point well inside is accepted
      if (accepted) expect(m >= cs.lower - 1e-9 && m <= cs.upper + 1e-9).toBe(true);
      if (m > cs.lower + 1e-6 && m < cs.upper - 1e-6) expect(accepted).toBe(true);
    }
    expect(maxLogCapital(xs, cs.lower, { rule })).toBeLessThan(threshold);
    expect(maxLogCapital(xs, cs.lower - 1e-6, { rule })).toBeGreaterThanOrEqual(threshold);
  });

  it("never widens (running intersection) and narrows roughly like 1/√n", () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 400 }, () => (rng.next() < 0.6 ? 1 : 0));
    let prev: ConfidenceSequence | null = null;
    for (const n of [25, 50, 100, 200, 400]) {
      const cs = winRateConfidenceSequence(xs.slice(0, n));
      if (prev) {
        expect(cs.lower).toBeGreaterThanOrEqual(prev.lower - 1e-7);
        expect(cs.upper).toBeLessThanOrEqual(prev.upper + 1e-7);
      }
      prev = cs;
    }
    const w100 = winRateConfidenceSequence(xs.slice(0, 100)),
      w400 = winRateConfidenceSequence(xs);
    const ratio = (w400.upper - w400.lower) / (w100.upper - w100.lower);
    expect(ratio).toBeGreaterThan(0.35);
    expect(ratio).toBeLessThan(0.7);
  });

  it("agrees with the grid monitor, which is conservative by less than one grid step", () => {
    const mon = createSequenceMonitor({ gridSize: 200 });
    X.forEach((x) => mon.push(x));
    const cs = winRateConfidenceSequence(X);
    const iv = mon.interval();
    expect(iv.lower).toBeLessThanOrEqual(cs.lower);
    expect(iv.upper).toBeGreaterThanOrEqual(cs.upper);
    expect(cs.lower - iv.lower).toBeLessThan(1 / 200 + 1e-12);
    expect(iv.upper - cs.upper).toBeLessThan(1 / 200 + 1e-12);
    expect(mon.excludesHalf()).toBe(cs.lower > 0.5 || cs.upper < 0.5);
  });

  it("rejects bad input, naming the field", () => {
    expect(() => winRateConfidenceSequence([0.5, 1.2])).toThrow(/outcomes\[1\] must be a number in \[0, 1\], got 1.2/);
    expect(() => winRateConfidenceSequence([Number.NaN])).toThrow(/outcomes\[0\]/);
    expect(() => winRateConfidenceSequence([1], { alpha: 0 })).toThrow(/alpha must be in \(0, 1\)/);
    expect(() => winRateConfidenceSequence([1], { truncation: 1 })).toThrow(/truncation/);
    expect(() => createSequenceMonitor({ gridSize: 7 })).toThrow(/gridSize/);
    expect(() => createPointTests([1.5])).toThrow(/points\[0\]/);
  });
});

describe("coverage ≥ 95 % uniformly over time (simulation, fixed seed)", () => {
  // The truth is outside the running sequence at SOME time ⇔ the point test at the truth rejects
  // (createPointTests keeps the running maximum). 1,000 runs × 1,000 prompts; Monte Carlo standard
  // error of a 95 % share is 0.7 points, and the betting sequences are conservative (≈ 98–99 %).
  const scenarios = [
    { name: "Bernoulli 0.3", model: createPromptModel({ winRate: 0.3 }) },
    {
      name: "prompt effect σ = 1, ties 0.2, 3 judgments, 0.62",
      model: createPromptModel({ winRate: 0.62, sigma: 1, tieRate: 0.2, judgmentsPerPrompt: 3 }),
    },
    {
      name: "prompt effect σ = 2, ties 0.3, 1 judgment, 0.5",
      model: createPromptModel({ winRate: 0.5, sigma: 2, tieRate: 0.3 }),
    },
  ];
  for (const rule of ["agrapa", "hedged"] as const)
    for (const { name, model } of scenarios)
      it(`${rule}, ${name}`, () => {
        const rng = createRng(2024);
        let missed = 0;
        for (let r = 0; r < 1000; r++) {
          const t = createPointTests([model.winRate], { rule });
          for (let i = 0; i < 1000 && !t.rejected(0); i++) t.push(model.draw(rng));
          if (t.rejected(0)) missed++;
        }
        expect(1 - missed / 1000).toBeGreaterThanOrEqual(0.95);
      });
});

describe("decideComparison", () => {
  const cs = (lower: number, upper: number): ConfidenceSequence => ({
    lower,
    upper,
    estimate: (lower + upper) / 2,
    n: 80,
    alpha: 0.05,
  });
  it.each([
    [0.52, 0.7, 0.05, false, "winner_a"],
    [0.3, 0.49, 0.05, true, "winner_b"],
    [0.46, 0.54, 0.05, false, "no_difference"],
    [0.46, 0.54, 0, false, "undecided"],
    [0.44, 0.54, 0.05, false, "undecided"],
    [0.44, 0.54, 0.05, true, "budget"],
  ] as const)("[%f, %f], margin %f, budget %s → %s", (lo, hi, margin, budgetReached, decision) => {
    const v = decideComparison(cs(lo, hi), { margin, budgetReached });
    expect(v.decision).toBe(decision);
    expect(v.reason).toMatch(/after 80 prompts/);
  });
  it("names the bad margin", () => {
    expect(() => decideComparison(cs(0.4, 0.6), { margin: 0.5 })).toThrow(/margin must be in \[0, 0.5\)/);
  });
});

describe("expectedPromptsToDecision", () => {
  it("is 0 once decided, null with no data, and smaller for a larger effect", () => {
    expect(expectedPromptsToDecision(Array(40).fill(1))).toMatchObject({ median: 0, decided: true });
    expect(expectedPromptsToDecision([])).toMatchObject({ median: null, decided: false });
    const rng = createRng(3);
    const strong = Array.from({ length: 12 }, () => (rng.next() < 0.75 ? 1 : 0));
    const weak = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 1 : i % 4 === 1 ? 0.5 : 0));
    const s = expectedPromptsToDecision(strong, { seed: 1 });
    const w = expectedPromptsToDecision(weak, { seed: 1, margin: 0.05, maxPrompts: 3000 });
    expect(s.median).not.toBeNull();
    expect(w.median === null || w.median > s.median!).toBe(true);
    expect(expectedPromptsToDecision(strong, { seed: 1 })).toEqual(s); // seeded
  });
});

describe("planning: fixed and sequential designs for a 60 % win rate at 90 % power", () => {
  it("fixed: n = ⌈(1.959964·0.5 + 1.281552·√0.24)²/0.1²⌉ = 259 (hand computation: 258.51)", () => {
    expect(fixedPromptsForPower(0.6)).toBe(259);
    expect(fixedPromptsForPower(0.4)).toBe(259);
    expect(() => fixedPromptsForPower(0.5)).toThrow(/target/);
  });
  it("sequential: the median campaign stops before the fixed n, the 90 % budget after it", () => {
    const d = planWinRateDesigns(0.6, { rounds: 400 });
    expect(d.fixed.prompts).toBe(259);
    expect(d.sequential.medianPrompts!).toBeLessThan(259);
    expect(d.sequential.promptsForPower!).toBeGreaterThan(259);
    const three = planWinRateDesigns(0.6, { rounds: 50, judgmentsPerPrompt: 3, tieRate: 0.2 });
    expect(three.fixed.judgments).toBe(3 * three.fixed.prompts);
  });
});

describe("simulation model", () => {
  it("hits the target win rate and variance (20,000 prompts, tolerance 4 standard errors)", () => {
    const model = createPromptModel({ winRate: 0.65, sigma: 1.2, tieRate: 0.25, judgmentsPerPrompt: 3 });
    expect(modelWinRate(model.mu, 1.2, 0.25)).toBeCloseTo(0.65, 10);
    const rng = createRng(9);
    const n = 20000;
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = model.draw(rng);
      s += x;
      s2 += x * x;
    }
    const mean = s / n,
      v = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.65)).toBeLessThan(4 * Math.sqrt(model.outcomeVariance / n));
    expect(Math.abs(v - model.outcomeVariance)).toBeLessThan(0.05 * model.outcomeVariance);
    expect(() => createPromptModel({ winRate: 0.95, tieRate: 0.2 })).toThrow(/winRate/);
  });
});

describe("leaderboard sequences and pair priority", () => {
  const rng = createRng(4);
  const theta = [1, 0.5, 0, -0.6];
  const pairs = [] as { a: number; b: number; outcomes: number[] }[];
  for (let i = 0; i < 4; i++)
    for (let j = i + 1; j < 4; j++) {
      const p = 1 / (1 + Math.exp(theta[j] - theta[i]));
      // half the pairs given the other way round, to check orientation
      const flip = (i + j) % 2 === 1;
      const outcomes = Array.from({ length: 300 }, () => (rng.next() < p ? 1 : 0)).map((x) => (flip ? 1 - x : x));
      pairs.push(flip ? { a: j, b: i, outcomes } : { a: i, b: j, outcomes });
    }
  const board = leaderboardSequences(4, pairs);

  it("orders the models, orients every pair best-first and uses the union bound", () => {
    expect(board.order).toEqual([0, 1, 2, 3]);
    expect(board.adjacent.map((p) => [p.a, p.b])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(board.pairAlpha).toBeCloseTo(0.05 / 6, 15);
    for (const p of board.pairs) {
      expect(board.rank[p.a]).toBeLessThan(board.rank[p.b]);
      expect(p.cs.estimate).toBeGreaterThan(0.5);
      expect(p.cs.alpha).toBeCloseTo(0.05 / 6, 15);
      expect(p.differenceLower).toBeCloseTo(Math.log(p.cs.lower / (1 - p.cs.lower)), 12);
    }
    const far = board.pairs.find((p) => p.a === 0 && p.b === 3)!;
    expect(far.resolved).toBe(true); // σ(1.6) = 0.83 over 300 prompts
  });

  it("pairPriority: 0 when settled, largest for an unseen adjacent pair, falls with n and rank distance", () => {
    expect(pairPriority({ n: 10, lower: 0.55, upper: 0.8, rankDistance: 1 })).toBe(0);
    expect(pairPriority({ n: 0, lower: 0, upper: 1, rankDistance: 1 })).toBe(1);
    const base = { lower: 0.4, upper: 0.6, rankDistance: 1 };
    expect(pairPriority({ ...base, n: 10 })).toBeGreaterThan(pairPriority({ ...base, n: 40 }));
    expect(pairPriority({ ...base, n: 10, rankDistance: 2 })).toBeCloseTo(pairPriority({ ...base, n: 10 }) / 4, 15);
    expect(pairPriority({ ...base, n: 10, weight: 2 })).toBeCloseTo(2 * pairPriority({ ...base, n: 10 }), 15);
    expect(() => pairPriority({ ...base, n: -1 })).toThrow(/n must be/);
    const list = pairPriorities(board);
    expect(list).toHaveLength(6);
    for (let i = 1; i < list.length; i++) expect(list[i - 1].priority).toBeGreaterThanOrEqual(list[i].priority);
  });

  it("unseen pairs have the trivial sequence and come first", () => {
    const b = leaderboardSequences(3, [{ a: 0, b: 1, outcomes: [1, 1, 0] }]);
    expect(b.pairs.filter((p) => p.cs.n === 0)).toHaveLength(2);
    expect(pairPriorities(b)[0].priority).toBeGreaterThan(0);
    expect(() => leaderboardSequences(3, [{ a: 0, b: 0, outcomes: [] }])).toThrow(/pairs\[0\]/);
  });
});

describe("kendallTau", () => {
  it("is 1 for the same order, −1 reversed, 1 − 2·D/C with D discordant of C pairs", () => {
    expect(kendallTau([3, 2, 1], [30, 20, 10])).toBe(1);
    expect(kendallTau([3, 2, 1], [1, 2, 3])).toBe(-1);
    expect(kendallTau([4, 3, 2, 1], [4, 2, 3, 1])).toBeCloseTo(1 - 2 / 6, 15);
  });
});
