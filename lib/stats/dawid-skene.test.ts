import { describe, expect, it } from "vitest";
import type { Rating } from "./agreement/rating-table";
import { dawidSkene } from "./dawid-skene";
import { createRng } from "./rng";

describe("Dawid–Skene EM", () => {
  it("one EM step by hand (no smoothing)", () => {
    // Items: i1 (r1 A, r2 A), i2 (r1 B, r2 B), i3 (r1 A, r2 B). Start T = vote shares: (1,0), (0,1), (½,½).
    // M-step: p = (½, ½). r1: true A → labels A 1.5, B 0 → (1, 0); true B → A 0.5, B 1 → (⅓, ⅔).
    //         r2: true A → A 1, B 0.5 → (⅔, ⅓); true B → A 0, B 1.5 → (0, 1).
    // E-step i3: A ∝ ½·1·⅓ = ⅙, B ∝ ½·⅓·1 = ⅙ → (½, ½); i1: A ∝ ½·1·⅔, B ∝ ½·⅓·0 → (1, 0).
    const r: Rating[] = [
      { item: "i1", rater: "r1", label: "A" },
      { item: "i1", rater: "r2", label: "A" },
      { item: "i2", rater: "r1", label: "B" },
      { item: "i2", rater: "r2", label: "B" },
      { item: "i3", rater: "r1", label: "A" },
      { item: "i3", rater: "r2", label: "B" },
    ];
    const ds = dawidSkene(r, { smoothing: 0, maxIterations: 1 });
    expect(ds.priors).toEqual([0.5, 0.5]);
    expect(ds.confusion.r1[0]).toEqual([1, 0]);
    expect(ds.confusion.r1[1][0]).toBeCloseTo(1 / 3, 12);
    expect(ds.confusion.r2[0][0]).toBeCloseTo(2 / 3, 12);
    expect(ds.confusion.r2[1]).toEqual([0, 1]);
    expect(ds.items[2].posterior[0]).toBeCloseTo(0.5, 12);
    expect(ds.items[0].posterior).toEqual([1, 0]);
  });

  it("recovers simulated annotator accuracies and beats the majority vote", () => {
    // 400 items, true class A/B/tie with probabilities ½, ⅓, ⅙; five annotators with accuracy
    // 0.9, 0.85, 0.8, 0.6 and 0.4 (errors spread evenly over the other two classes).
    const rng = createRng(2024);
    const classes = ["A", "B", "tie"];
    const accuracy = [0.9, 0.85, 0.8, 0.6, 0.4];
    const truth: string[] = [];
    const ratings: Rating[] = [];
    for (let i = 0; i < 400; i++) {
      const u = rng.next();
      const t = u < 0.5 ? 0 : u < 5 / 6 ? 1 : 2;
      truth.push(classes[t]);
      accuracy.forEach((acc, r) => {
        const label = rng.next() < acc ? t : (t + 1 + rng.int(2)) % 3;
        ratings.push({ item: `i${i}`, rater: `r${r}`, label: classes[label] });
      });
    }
    const ds = dawidSkene(ratings, { classes });
    accuracy.forEach((acc, r) => {
      const m = ds.confusion[`r${r}`];
      const estimated = m.reduce((s, row, k) => s + ds.priors[k] * row[k], 0);
      expect(Math.abs(estimated - acc)).toBeLessThan(0.06);
    });
    const dsCorrect = ds.items.filter((it, i) => it.label === truth[i]).length;
    const majorityCorrect = truth.filter((t, i) => {
      const votes = ratings.slice(5 * i, 5 * i + 5).map((r) => r.label);
      const counts = classes.map((c) => votes.filter((v) => v === c).length);
      const best = Math.max(...counts);
      return counts.filter((c) => c === best).length === 1 && classes[counts.indexOf(best)] === t;
    }).length;
    expect(dsCorrect).toBeGreaterThan(majorityCorrect);
    expect(ds.iterations).toBeLessThan(200);
    for (const it of ds.items) expect(it.posterior.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("never lowers the log-likelihood from one iteration to the next", () => {
    const rng = createRng(5);
    const ratings: Rating[] = [];
    for (let i = 0; i < 50; i++)
      for (let r = 0; r < 3; r++)
        ratings.push({ item: `i${i}`, rater: `r${r}`, label: rng.next() < 0.6 + 0.1 * r ? "A" : "B" });
    let previous = -Infinity;
    for (let n = 1; n <= 8; n++) {
      const ll = dawidSkene(ratings, { maxIterations: n }).logLikelihood;
      expect(ll).toBeGreaterThanOrEqual(previous - 1e-9);
      previous = ll;
    }
  });
});
