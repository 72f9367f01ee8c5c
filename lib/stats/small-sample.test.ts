import { describe, expect, it } from "vitest";
import { computeCampaignStats } from "./campaign-stats";
import { clusterBootstrapRatios } from "./cluster-bootstrap";
import { createRng } from "./rng";
import { MIN_BOOTSTRAP_PROMPTS, wilsonInterval, wilsonOverPrompts } from "./wilson";
import type { Judgment, Winner } from "./types";

const TOL = 1e-6;

describe("wilsonOverPrompts", () => {
  it("is Wilson at n = prompts, hand-derived (z = 1.959964)", () => {
    // 1 of 1: centre (1 + z²/2)/(1 + z²) = 2.920730/4.841459 = 0.603275, half = (z²/2)/(1 + z²) = 0.396725.
    const one = wilsonOverPrompts(7, 7, 1);
    expect(one.lower).toBeCloseTo(0.206549, 5);
    expect(one.upper).toBeCloseTo(1, 9);
    // 5 of 10 outcomes on 2 prompts → ½ of 2: centre ½, half z/(1 + z²/2)·√(¼/2 + z²/16) = 0.405468.
    const two = wilsonOverPrompts(5, 10, 2);
    expect(two.lower).toBeCloseTo(0.094532, 5);
    expect(two.upper).toBeCloseTo(0.905468, 5);
    expect(wilsonOverPrompts(0, 0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

/**
 * Groups of 1–5 prompts (categories "k1" … "k5") and one of 12 ("big"), 3 annotators a pair,
 * two seeds (pairs) a prompt; model A strong on some prompts and weak on others.
 */
function groups(seed: number): Judgment[] {
  const rng = createRng(seed);
  const out: Judgment[] = [];
  const sizes: [string, number][] = [
    ["k1", 1],
    ["k2", 2],
    ["k3", 3],
    ["k4", 4],
    ["k5", 5],
    ["big", 12],
  ];
  for (const [category, k] of sizes)
    for (let p = 0; p < k; p++) {
      const pWin = rng.next() < 0.5 ? 0.9 : 0.25;
      for (let s = 0; s < 2; s++)
        for (let a = 0; a < 3; a++) {
          const u = rng.next();
          const winner: Winner = u < 0.15 ? "tie" : rng.next() < pWin ? "A" : "B";
          out.push({
            pairId: `${category}-${p}-${s}`,
            promptId: `${category}-${p}`,
            category,
            modelA: "emu",
            modelB: "sdxl",
            winner,
            annotatorId: `ann${a}`,
            criterion: "visual_appeal",
          });
        }
    }
  return out;
}

describe("breakdowns of 1–5 prompts", () => {
  for (const counting of ["majority", "judgment"] as const) {
    const stats = computeCampaignStats(groups(11), { counting, bootstrapRounds: 200, breakdowns: ["category"] });
    const byGroup = new Map(stats.criteria[0].breakdowns.map((b) => [b.group, b.headToHead[0]]));

    it(`never give a bootstrap; their interval is Wilson over prompts, never narrower than Wilson on the outcomes (${counting})`, () => {
      for (let k = 1; k <= 5; k++) {
        const h = byGroup.get(`k${k}`)!;
        expect(h.prompts).toBe(k);
        expect(h.smallSample).toEqual({
          prompts: k,
          minimumPrompts: MIN_BOOTSTRAP_PROMPTS,
          method: "wilson-over-prompts",
        });
        const { win, tie, loss, total } = h.counts;
        const rates = [
          { r: h.winShare, score: win, n: total, exact: true },
          { r: h.winRateTiesHalf, score: win + tie / 2, n: total, exact: true },
          // Ties excluded: over the prompts with a decisive outcome (not every prompt has one).
          ...(h.winRateTiesExcluded ? [{ r: h.winRateTiesExcluded, score: win, n: win + loss, exact: false }] : []),
        ];
        for (const { r, score, n, exact } of rates) {
          expect(r.bootstrap).toBeNull();
          const honest = r.wilsonPrompts!;
          if (exact) {
            // Independent: Wilson at p̂·k of k.
            const expected = wilsonInterval((score / n) * k, k);
            expect(honest.lower).toBeCloseTo(expected.lower, 5);
            expect(honest.upper).toBeCloseTo(expected.upper, 5);
          }
          expect(honest.upper - honest.lower).toBeGreaterThan(0.1);
          const perOutcome = wilsonInterval(score, n);
          expect(honest.upper - honest.lower).toBeGreaterThanOrEqual(perOutcome.upper - perOutcome.lower - TOL);
        }
      }
    });

    it(`keep the prompt bootstrap from ${MIN_BOOTSTRAP_PROMPTS} prompts on (${counting})`, () => {
      const h = byGroup.get("big")!;
      expect(h.smallSample).toBeNull();
      expect(h.winRateTiesHalf.bootstrap).not.toBeNull();
      expect(h.winRateTiesHalf.wilsonPrompts).toBeNull();
    });
  }
});

describe("coverage with 1–5 prompts (strong prompt effect: P(win) 0.9 or 0.2, true rate 0.55)", () => {
  // 3 votes a prompt, no ties; the truth is the mean over prompts, 0.55.
  const TRUTH = 0.55;
  const CAMPAIGNS = 400;
  for (let k = 1; k <= 5; k++) {
    it(`${k} prompt(s): Wilson over prompts covers ≥ 95 %; the bootstrap it replaces does not`, () => {
      const rng = createRng(100 + k);
      let honest = 0,
        bootstrap = 0;
      const num = new Float64Array(k);
      const den = new Float64Array(k).fill(3);
      for (let c = 0; c < CAMPAIGNS; c++) {
        let score = 0;
        for (let p = 0; p < k; p++) {
          const pWin = rng.next() < 0.5 ? 0.9 : 0.2;
          num[p] = 0;
          for (let v = 0; v < 3; v++) num[p] += rng.next() < pWin ? 1 : 0;
          score += num[p];
        }
        const w = wilsonOverPrompts(score, 3 * k, k);
        if (w.lower <= TRUTH && TRUTH <= w.upper) honest++;
        const b = clusterBootstrapRatios([{ num, den }], { rounds: 200, seed: c + 1 })[0].bca;
        if (b.lower <= TRUTH && TRUTH <= b.upper) bootstrap++;
      }
      expect(honest / CAMPAIGNS).toBeGreaterThanOrEqual(0.95);
      expect(bootstrap / CAMPAIGNS).toBeLessThan(0.9);
    });
  }
});
