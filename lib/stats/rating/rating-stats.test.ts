import { describe, expect, it } from "vitest";
import { createRng, normalDraw } from "../rng";
import { MIN_BOOTSTRAP_PROMPTS, wilsonInterval } from "../wilson";
import {
  aspectRatingStats,
  ratingAgreement,
  ratingStats,
  ratingStatsByCategory,
  type RatingRecord,
} from "./rating-stats";
import { HEIM_ASPECTS, RATING_SCALES } from "./scales";

const LIKERT5 = RATING_SCALES.likert5;

// An ImagenHub-style Likert table: every image rated by the same three annotators (ImagenHub,
// Ku et al. 2024, ICLR, §4: three raters per image, Krippendorff's α reported per aspect).
// Two models × two prompts, one image each, alignment on 1–5:
//   A/p1: 5 4 5   B/p1: 2 2 3   A/p2: 4 4 4   B/p2: 1 2 1
const TABLE: [string, string, number[]][] = [
  ["A", "p1", [5, 4, 5]],
  ["B", "p1", [2, 2, 3]],
  ["A", "p2", [4, 4, 4]],
  ["B", "p2", [1, 2, 1]],
];
const likert: RatingRecord[] = TABLE.flatMap(([model, promptId, values]) =>
  values.map((value, r) => ({
    imageId: `${model}-${promptId}`,
    promptId,
    model,
    aspect: "alignment",
    value,
    annotatorId: `r${r + 1}`,
  })),
);

describe("ratings: means, distributions and α by hand", () => {
  const s = aspectRatingStats(likert, "alignment", LIKERT5, { rounds: 200, seed: 1 });
  it("means and distributions", () => {
    const [a, b] = s.models;
    // A: (5+4+5+4+4+4)/6 = 26/6; B: (2+2+3+1+2+1)/6 = 11/6.
    expect(a.mean.estimate).toBeCloseTo(26 / 6, 12);
    expect(b.mean.estimate).toBeCloseTo(11 / 6, 12);
    expect(a.distribution).toEqual([0, 0, 0, 4, 2]);
    expect(b.distribution).toEqual([2, 3, 1, 0, 0]);
    expect(b.shares.map((x) => x.estimate)).toEqual([2 / 6, 3 / 6, 1 / 6, 0, 0]);
    expect([a.ratings, a.prompts, a.images]).toEqual([6, 2, 2]);
  });
  it("two prompts: no bootstrap, Wilson over prompts on the 1–5 range", () => {
    const a = s.models[0].mean;
    expect(a.bootstrap).toBeNull();
    // (26/6 − 1)/4 = 5/6 of the range, two prompts: Wilson(5/6·2, 2) mapped back to 1 + 4u.
    const w = wilsonInterval((5 / 6) * 2, 2);
    expect(a.wilsonPrompts!.lower).toBeCloseTo(1 + 4 * w.lower, 12);
    expect(a.wilsonPrompts!.upper).toBeCloseTo(1 + 4 * w.upper, 12);
    const d = s.differences[0];
    expect([d.model, d.opponent, d.prompts]).toEqual(["A", "B", 2]);
    expect(d.estimate).toBeCloseTo(15 / 6, 12);
    expect(d.bootstrap).toBeNull();
    expect(d.newcombePrompts!.lower).toBeLessThan(d.estimate);
    expect(d.newcombePrompts!.upper).toBeGreaterThan(d.estimate);
  });
  it("Krippendorff's α by hand: nominal 0.4, interval 0.88, ordinal 1 − 11·38.5/3240", () => {
    // n = 12 values; per image (m = 3) the coincidences add Σ_{i<j} δ²(vᵢ, vⱼ).
    // Nominal: disagreeing pairs 2 + 2 + 0 + 2 = 6; Σ_{c≠k} n_c n_k = 12² − (2² + 3² + 1² + 4² + 2²) = 110;
    //   α = 1 − 11·6/110 = 0.4.
    // Interval: Σ_{i<j}(vᵢ − vⱼ)² per image = 2, 2, 0, 2 → 6; over all values Σ_{i≠j}(vᵢ − vⱼ)² =
    //   2n·Σ(v − v̄)² = 2·12·(137 − 37²/12) = 550; α = 1 − 11·6/550 = 0.88.
    // Ordinal (n₁..n₅ = 2, 3, 1, 4, 2): δ²(4,5) = (4 + 2 − 3)² = 9, δ²(2,3) = (3 + 1 − 2)² = 4,
    //   δ²(1,2) = (2 + 3 − 2.5)² = 6.25 → observed 2·9 + 2·4 + 2·6.25 = 38.5; expected
    //   2·Σ_{c<k} n_c n_k δ²_ck = 2·1620 = 3240 (ten terms, worked in the docs); α = 1 − 11·38.5/3240.
    expect(s.agreement.nominal).toBeCloseTo(0.4, 12);
    expect(s.agreement.interval).toBeCloseTo(0.88, 12);
    expect(s.agreement.ordinal).toBeCloseTo(1 - (11 * 38.5) / 3240, 12);
    expect([s.agreement.images, s.agreement.ratings]).toEqual([4, 12]);
  });
  it("yes/no and 1–3 scales", () => {
    const yesNo = likert.map((r) => ({ ...r, aspect: "ok", value: r.value >= 4 ? 1 : 0 }));
    const t = aspectRatingStats(yesNo, "ok", RATING_SCALES["yes-no"], { rounds: 50, seed: 1 });
    expect(t.models.map((m) => m.mean.estimate)).toEqual([1, 0]);
    expect(t.agreement.nominal).toBe(1);
    const three = likert.map((r) => ({ ...r, aspect: "clear", value: Math.ceil(r.value / 2) }));
    const u = aspectRatingStats(three, "clear", RATING_SCALES.likert3, { rounds: 50, seed: 1 });
    expect(u.models[1].distribution).toEqual([5, 1, 0]); // B: 2 2 3 1 2 1 → 1 1 2 1 1 1
  });
  it("rejects a value off the scale, an unknown aspect, an empty id — naming the record", () => {
    const bad = [...likert.slice(0, 2), { ...likert[2], value: 6 }];
    expect(() => aspectRatingStats(bad, "alignment", LIKERT5, { rounds: 10, seed: 1 })).toThrow(
      /rating 3 \(image A-p1, aspect alignment\): value 6 is not on the likert5 scale/,
    );
    expect(() => ratingStats(likert, { aesthetics: LIKERT5 }, { rounds: 10, seed: 1 })).toThrow(
      /rating 1: aspect "alignment" has no scale/,
    );
    expect(() =>
      aspectRatingStats([{ ...likert[0], promptId: "" }], "alignment", LIKERT5, { rounds: 10, seed: 1 }),
    ).toThrow(/empty promptId/);
  });
  it("ratingAgreement without annotator ids treats every rating as its own rater", () => {
    const anonymous = likert.map(({ annotatorId: _, ...r }) => r);
    expect(ratingAgreement(anonymous, LIKERT5).interval).toBeCloseTo(0.88, 12);
  });
});

/** Ratings 1–5: round(3 + model effect + prompt difficulty + noise), clamped. */
function simulate(seed: number, prompts: number, effects: Record<string, number>, perImage = 3): RatingRecord[] {
  const rng = createRng(seed);
  const out: RatingRecord[] = [];
  for (let p = 0; p < prompts; p++) {
    const difficulty = 1.2 * normalDraw(rng);
    for (const [model, effect] of Object.entries(effects))
      for (let r = 0; r < perImage; r++) {
        const v = Math.round(3 + effect + difficulty + 0.7 * normalDraw(rng));
        out.push({
          imageId: `${model}-${p}`,
          promptId: `p${p}`,
          model,
          aspect: "aesthetics",
          value: Math.min(5, Math.max(1, v)),
          annotatorId: `a${r}`,
          category: p % 2 ? "odd" : "even",
        });
      }
  }
  return out;
}

describe("ratings: prompt bootstrap", () => {
  it("means equal the plain means; the paired difference is narrower than the unpaired one", () => {
    const records = simulate(7, 40, { A: 0.5, B: 0 });
    const s = aspectRatingStats(records, "aesthetics", LIKERT5, { rounds: 1000, seed: 3 });
    for (const m of s.models) {
      const own = records.filter((r) => r.model === m.model);
      expect(m.mean.estimate).toBeCloseTo(own.reduce((t, r) => t + r.value, 0) / own.length, 12);
      expect(m.mean.bootstrap!.bca.lower).toBeLessThan(m.mean.estimate);
      expect(m.mean.bootstrap!.bca.upper).toBeGreaterThan(m.mean.estimate);
      expect(m.shares.reduce((t, x) => t + x.estimate, 0)).toBeCloseTo(1, 12);
    }
    const d = s.differences[0];
    expect(d.prompts).toBe(40);
    expect(d.estimate).toBeCloseTo(s.models[0].mean.estimate - s.models[1].mean.estimate, 12);
    // Prompt difficulty is shared by both models, so pairing removes most of the variance.
    const unpaired = Math.hypot(s.models[0].mean.bootstrap!.standardError, s.models[1].mean.bootstrap!.standardError);
    expect(d.bootstrap!.standardError).toBeLessThan(0.6 * unpaired);
  });
  it("covers a zero difference about 95% of the time (200 simulated studies)", () => {
    let covered = 0;
    const studies = 200;
    for (let i = 0; i < studies; i++) {
      const records = simulate(100 + i, 30, { A: 0, B: 0 }, 2);
      const d = aspectRatingStats(records, "aesthetics", LIKERT5, { rounds: 200, seed: i }).differences[0];
      if (d.bootstrap!.percentile.lower <= 0 && d.bootstrap!.percentile.upper >= 0) covered++;
    }
    // Binomial(200, 0.95) lies in [180, 199] with probability > 0.999.
    expect(covered / studies).toBeGreaterThanOrEqual(0.9);
  });
  it("per-category breakdown: one block per category, each with its own prompts", () => {
    const records = simulate(11, 2 * MIN_BOOTSTRAP_PROMPTS, { A: 0.5, B: 0 });
    const groups = ratingStatsByCategory(records, { aesthetics: LIKERT5 }, { rounds: 200, seed: 1 });
    expect(groups.map((g) => g.group)).toEqual(["even", "odd"]);
    for (const g of groups) expect(g.result[0].models[0].prompts).toBe(MIN_BOOTSTRAP_PROMPTS);
  });
});

describe("HEIM template", () => {
  it("has the five aspects, one label per scale value, photorealism without the prompt", () => {
    expect(HEIM_ASPECTS.map((a) => a.key)).toEqual([
      "alignment",
      "aesthetics",
      "originality",
      "photorealism",
      "subject_clarity",
    ]);
    for (const a of HEIM_ASPECTS) expect(a.labels).toHaveLength(RATING_SCALES[a.scale].values.length);
    expect(HEIM_ASPECTS.find((a) => a.key === "photorealism")!.showPrompt).toBe(false);
  });
});
