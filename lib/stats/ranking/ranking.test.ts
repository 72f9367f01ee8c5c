import { describe, expect, it } from "vitest";
import { DEFAULT_PRIOR_PRECISION, fitBradleyTerry } from "../bradley-terry";
import { leaderboardFromReplicates, type Leaderboard } from "../leaderboard";
import { bootstrapMatchups } from "../matchup-bootstrap";
import { buildMatchupStats } from "../matchups";
import { createRng } from "../rng";
import {
  breakRankings,
  buildPlackettLuceData,
  fitPlackettLuce,
  kendallW,
  midRanks,
  plackettLuceLeaderboard,
  plackettLuceLogLikelihood,
  plackettLuceTotals,
  rankBrokenLeaderboard,
  rankingConcordance,
  slotBias,
  tieGroups,
  type RankingRecord,
} from ".";

/** A ranking of one prompt from an order like "a>b=c>d" (">" better, "=" tie), items in display order a, b, c, … as written. */
function ranking(order: string, promptId = "p", annotatorId?: string, slots?: string[]): RankingRecord {
  const rank = new Map<string, number>();
  order.split(">").forEach((group, g) => group.split("=").forEach((m) => rank.set(m, g + 1)));
  const shown = slots ?? [...rank.keys()];
  return {
    promptId,
    annotatorId,
    items: shown.map((model) => ({ model, imageId: `${promptId}-${model}`, rank: rank.get(model)! })),
  };
}

const TINY = 1e-9; // prior precision small enough to reproduce the maximum-likelihood estimate

describe("ranks with ties", () => {
  it("tie groups and mid-ranks", () => {
    expect(tieGroups([2, 1, 2, 5])).toEqual([[1], [0, 2], [3]]);
    expect(midRanks([2, 1, 2, 5])).toEqual([2.5, 1, 2.5, 4]);
    expect(midRanks([1, 1, 1])).toEqual([2, 2, 2]);
  });
  it("rejects rankings of 1 or 7 items and empty models, naming the ranking", () => {
    expect(() => breakRankings([ranking("a>b"), ranking("a")])).toThrow(/ranking 2: needs 2–6 items, got 1/);
    expect(() => breakRankings([ranking("a>b>c>d>e>f>g")])).toThrow(/got 7/);
    expect(() =>
      breakRankings([
        {
          promptId: "p",
          items: [
            { model: "", rank: 1 },
            { model: "b", rank: 2 },
          ],
        },
      ]),
    ).toThrow(/ranking 1, item 1: empty model/);
  });
});

describe("rank breaking", () => {
  it("full breaking: every pair once, the better rank wins, equal ranks tie", () => {
    const pairs = breakRankings([ranking("a>c=b", "p1", "ann", ["a", "b", "c"])]);
    expect(pairs.map((p) => [p.modelA, p.modelB, p.winner])).toEqual([
      ["a", "b", "A"],
      ["a", "c", "A"],
      ["b", "c", "tie"],
    ]);
    expect(pairs.every((p) => p.promptId === "p1" && p.annotatorId === "ann")).toBe(true);
  });
});

describe("Plackett–Luce", () => {
  it("hand-worked: a≻b≻c ×2, a≻c≻b ×2, b≻a≻c, c≻a≻b gives γ_b/γ_a = γ_c/γ_a = (√40 − 4)/12", () => {
    // With γ_a = 1, γ_b = γ_c = β (symmetric data): ℓ(β) = −6 ln(1 + 2β) + 2 ln β − 2 ln(1 + β) + const
    // (every ranking's first choice is from {a, b, c}; the four a-first ones then choose between b and c
    // at ½ each; the two others then pick a from {a, the other}). ℓ′ = 0 ⇔ 6β² + 4β − 1 = 0.
    const data = buildPlackettLuceData(["a>b>c", "a>b>c", "a>c>b", "a>c>b", "b>a>c", "c>a>b"].map((o) => ranking(o)));
    const fit = fitPlackettLuce(data.sets, plackettLuceTotals(data), 3, { priorPrecision: TINY });
    expect(fit.converged).toBe(true);
    const beta = (Math.sqrt(40) - 4) / 12;
    expect(fit.theta[1] - fit.theta[0]).toBeCloseTo(Math.log(beta), 6);
    expect(fit.theta[2] - fit.theta[0]).toBeCloseTo(Math.log(beta), 6);
  });
  it("ties by averaging: a tied pair over c has the mean log-likelihood of its two orders", () => {
    const data = buildPlackettLuceData([ranking("a=b>c")]);
    const theta = [0.3, -0.2, 0.1];
    const [a, b, c] = theta.map(Math.exp);
    const order = (x: number, y: number) => Math.log(x / (a + b + c)) + Math.log(y / (y + c));
    expect(plackettLuceLogLikelihood(data.sets, plackettLuceTotals(data), theta)).toBeCloseTo(
      (order(a, b) + order(b, a)) / 2,
      12,
    );
  });
  it("two items with a tie: a≻b ×2, a=b, b≻a is Bradley–Terry with ties as half: γ_a/γ_b = 2.5/1.5", () => {
    const data = buildPlackettLuceData(["a>b", "a>b", "a=b", "b>a"].map((o) => ranking(o)));
    const pl = fitPlackettLuce(data.sets, plackettLuceTotals(data), 2, { priorPrecision: TINY });
    expect(pl.theta[0] - pl.theta[1]).toBeCloseTo(Math.log(5 / 3), 6);
    const bt = fitBradleyTerry([0, 2.5, 1.5, 0], 2, { priorPrecision: TINY });
    expect(pl.theta[0] - pl.theta[1]).toBeCloseTo(bt[0] - bt[1], 6);
  });
  it("with the default prior, a model that always wins stays finite", () => {
    const data = buildPlackettLuceData(["a>b>c", "a>c>b", "a>b>c"].map((o) => ranking(o)));
    const fit = fitPlackettLuce(data.sets, plackettLuceTotals(data), 3);
    expect(fit.converged).toBe(true);
    expect(fit.theta.every(Number.isFinite)).toBe(true);
    expect(fit.theta[0]).toBeGreaterThan(fit.theta[1]);
  });
});

/** Rankings drawn from Plackett–Luce: each image's utility θ + Gumbel noise, ordered (Yellott 1977). */
function simulateRankings(seed: number, theta: number[], prompts: number, perPrompt: number, K: number) {
  const rng = createRng(seed);
  const models = theta.map((_, i) => `m${i}`);
  const out: RankingRecord[] = [];
  for (let p = 0; p < prompts; p++) {
    // K distinct models for this prompt, in a random display order
    const pool = [...models.keys()];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    const shown = pool.slice(0, K);
    for (let a = 0; a < perPrompt; a++) {
      const utility = shown.map((m) => theta[m] - Math.log(-Math.log(1 - rng.next())));
      const order = shown.map((_, i) => i).sort((x, y) => utility[y] - utility[x]);
      const rank = new Array<number>(K);
      order.forEach((i, place) => (rank[i] = place + 1));
      out.push({
        promptId: `p${p}`,
        annotatorId: `a${a}`,
        items: shown.map((m, i) => ({ model: models[m], imageId: `p${p}-${m}`, rank: rank[i] })),
      });
    }
  }
  return out;
}

describe("simulation: known strengths are recovered (fixed seed)", () => {
  const truth = [1, 0.5, 0, -0.5, -1];
  const rankings = simulateRankings(2024, truth, 300, 4, 4);
  const options = { rounds: 200, seed: 5 };
  const toTheta = (rating: number) => ((rating - 1000) * Math.log(10)) / 400;
  it("Plackett–Luce and rank-broken Bradley–Terry both land within 0.12 logits of the truth", () => {
    const pl = plackettLuceLeaderboard(rankings, options);
    const bt = rankBrokenLeaderboard(rankings, options);
    expect(pl.method).toBe("plackett-luce");
    expect(pl.converged).toBe(true);
    for (const board of [pl, bt])
      for (const row of board.rows) {
        const i = Number(row.model.slice(1));
        expect(Math.abs(toTheta(row.rating) - truth[i])).toBeLessThan(0.12);
      }
    // The order is recovered and the intervals (prompt bootstrap) cover the truth.
    expect(pl.rows.map((r) => r.model)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    for (const row of pl.rows) {
      const i = Number(row.model.slice(1));
      expect(toTheta(row.lower)).toBeLessThan(truth[i]);
      expect(toTheta(row.upper)).toBeGreaterThan(truth[i]);
    }
  });
  it("the bootstrap resamples whole prompts: wider intervals than resampling broken pairs as if independent", () => {
    const bt = rankBrokenLeaderboard(rankings, options);
    expect(bt.resample).toBe("prompts");
    // 300 prompts · 4 rankings · 6 broken pairs, each pair counted for both its models.
    expect(bt.rows.reduce((s, r) => s + r.games, 0)).toBe(2 * 300 * 4 * 6);
    const pairs = buildMatchupStats(breakRankings(rankings), "unit");
    const naive = leaderboardFromReplicates(pairs, bootstrapMatchups(pairs, options), {
      resample: "judgments",
      priorPrecision: DEFAULT_PRIOR_PRECISION,
      rounds: options.rounds,
    });
    const width = (b: Leaderboard) => b.rows.reduce((s, r) => s + r.upper - r.lower, 0);
    expect(width(bt) / width(naive)).toBeGreaterThan(1.1);
  });
});

describe("Kendall's W", () => {
  it("R's friedman.test example (Hollander & Wolfe 1973, RoundingTimes): χ² = 11.143, p = 0.003805", () => {
    // 22 players (raters) × 3 methods (items), with ties; published: Friedman chi-squared = 11.143,
    // df = 2, p-value = 0.003805; W = χ²/(m(n − 1)) = 11.143/44 = 0.2532.
    const times = [
      [5.4, 5.5, 5.55],
      [5.85, 5.7, 5.75],
      [5.2, 5.6, 5.5],
      [5.55, 5.5, 5.4],
      [5.9, 5.85, 5.7],
      [5.45, 5.55, 5.6],
      [5.4, 5.4, 5.35],
      [5.45, 5.5, 5.35],
      [5.25, 5.15, 5.0],
      [5.85, 5.8, 5.7],
      [5.25, 5.2, 5.1],
      [5.65, 5.55, 5.45],
      [5.6, 5.35, 5.45],
      [5.05, 5.0, 4.95],
      [5.5, 5.5, 5.4],
      [5.45, 5.55, 5.5],
      [5.55, 5.55, 5.35],
      [5.45, 5.5, 5.55],
      [5.5, 5.45, 5.25],
      [5.65, 5.6, 5.4],
      [5.7, 5.65, 5.55],
      [6.3, 6.3, 6.25],
    ];
    const w = kendallW(times);
    expect(w.chiSquare).toBeCloseTo(11.143, 3);
    expect(w.df).toBe(2);
    expect(w.pValue).toBeCloseTo(0.003805, 6);
    expect(w.W).toBeCloseTo(11.142857 / 44, 6);
    expect(w.ties).toBe(4 * 6); // four players with one tied pair each: 2³ − 2 = 6
  });
  it("by hand: identical orders give W = 1; 3 raters × 3 items without ties", () => {
    expect(
      kendallW([
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ]).W,
    ).toBe(1);
    // Rank sums (1+1+2, 2+3+1, 3+2+3) = (4, 6, 8), mean 6, S = 8; W = 12·8/(9·24) = 0.4444.
    const w = kendallW([
      [1, 2, 3],
      [1, 3, 2],
      [2, 1, 3],
    ]);
    expect(w.S).toBe(8);
    expect(w.W).toBeCloseTo(96 / 216, 12);
    expect(w.chiSquare).toBeCloseTo(3 * 2 * (96 / 216), 12);
  });
  it("concordance of rankings: per task (same images), mean W and the pooled χ²", () => {
    const rankings = [
      ranking("a>b>c", "p1", "x"),
      ranking("a>c>b", "p1", "y"),
      ranking("b>a>c", "p1", "z"),
      ranking("a>b", "p2", "x"),
      ranking("a>b", "p2", "y"),
      ranking("a>b>c", "p3", "x"), // ranked once: no agreement to measure
    ];
    const c = rankingConcordance(rankings);
    expect(c.tasks.map((t) => [t.promptId, t.raters, t.items])).toEqual([
      ["p1", 3, 3],
      ["p2", 2, 2],
    ]);
    expect(c.tasks[0].W).toBeCloseTo(96 / 216, 12); // the hand example above, a b c = items 1 2 3
    expect(c.tasks[1].W).toBe(1);
    expect(c.meanW).toBeCloseTo((96 / 216 + 1) / 2, 12);
    expect(c.pooled!.df).toBe(3);
    expect(c.pooled!.chiSquare).toBeCloseTo(3 * 2 * (96 / 216) + 2 * 1 * 1, 12);
  });
});

describe("position bias per slot", () => {
  it("counts first places per slot, ties for first shared, and tests against 1/K", () => {
    const r = [
      ranking("a>b>c", "p1", "x", ["a", "b", "c"]), // slot 1 first
      ranking("b>a>c", "p2", "x", ["b", "a", "c"]), // slot 1 first
      ranking("a=c>b", "p3", "x", ["a", "b", "c"]), // slots 1 and 3 share
      ranking("c>a>b", "p4", "x", ["a", "b", "c"]), // slot 3 first
      ranking("a>b", "p5", "x"), // K = 2: its own block
    ];
    const [two, three] = slotBias(r);
    expect([two.items, two.rankings]).toEqual([2, 1]);
    expect(three.slots.map((s) => s.firsts)).toEqual([2.5, 0, 1.5]);
    expect(three.slots[0].firstShare).toBeCloseTo(2.5 / 4, 12);
    // χ² = ((2.5 − 4/3)² + (4/3)² + (1.5 − 4/3)²)/(4/3) = 2.375 on 2 df; p = e^{−χ²/2}.
    expect(three.chiSquare).toBeCloseTo(2.375, 12);
    expect(three.pValue).toBeCloseTo(Math.exp(-2.375 / 2), 12);
    expect(three.slots[1].meanRank).toBeCloseTo((2 + 2 + 3 + 3) / 4, 12);
  });
});
