import { describe, expect, it } from "vitest";
import { fleissKappa } from "./agreement/fleiss-kappa";
import { gwetAC1 } from "./agreement/gwet-ac1";
import { krippendorffAlpha } from "./agreement/krippendorff-alpha";
import { rawAgreement } from "./agreement/raw-agreement";
import { buildRatingTable, type Rating, type RatingTable } from "./agreement/rating-table";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", reliability data with missing
// values: 4 observers × 12 units (· = missing). Published: nominal α = 0.743, ordinal α = 0.815,
// interval α = 0.849, ratio α = 0.797.
const KRIPPENDORFF: Record<string, (number | null)[]> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};
const kRatings: Rating[] = Object.entries(KRIPPENDORFF).flatMap(([rater, values]) =>
  values.flatMap((v, u) => (v === null ? [] : [{ item: `u${u + 1}`, rater, label: String(v) }])),
);

// Fleiss (1971), worked example as reproduced in most texts: 10 subjects, 14 raters, 5 categories;
// P̄ = 0.378, P̄ₑ = 0.213, κ = 0.210.
const FLEISS: RatingTable = {
  items: Array.from({ length: 10 }, (_, i) => `s${i + 1}`),
  categories: ["1", "2", "3", "4", "5"],
  counts: [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ],
};

describe("Krippendorff's alpha", () => {
  const table = buildRatingTable(kRatings, ["1", "2", "3", "4", "5"]);
  it("nominal: 0.743 (published)", () => expect(krippendorffAlpha(table, "nominal")).toBeCloseTo(0.743, 3));
  it("ordinal: 0.815 (published)", () => expect(krippendorffAlpha(table, "ordinal")).toBeCloseTo(0.815, 3));
  it("interval: 0.849 and ratio: 0.797 (published)", () => {
    expect(krippendorffAlpha(table, "interval")).toBeCloseTo(0.849, 3);
    expect(krippendorffAlpha(table, "ratio")).toBeCloseTo(0.797, 3);
  });
  it("interval and ratio need numeric categories", () => {
    const words = buildRatingTable(kRatings.map((r) => ({ ...r, label: `level ${r.label}` })));
    expect(() => krippendorffAlpha(words, "interval")).toThrow(/"level 1" is not a number/);
  });
  it("is 1 for perfect agreement and null without variation", () => {
    const perfect = buildRatingTable([
      { item: "x", rater: "r1", label: "a" },
      { item: "x", rater: "r2", label: "a" },
      { item: "y", rater: "r1", label: "b" },
      { item: "y", rater: "r2", label: "b" },
    ]);
    expect(krippendorffAlpha(perfect)).toBe(1);
    expect(
      krippendorffAlpha(
        buildRatingTable([
          { item: "x", rater: "r1", label: "a" },
          { item: "x", rater: "r2", label: "a" },
        ]),
      ),
    ).toBeNull();
  });
  it("hand derivation, two raters, two units: (a, a) and (a, b)", () => {
    // Coincidences: unit 1 gives o_aa = 2; unit 2 gives o_ab = o_ba = 1. n_a = 3, n_b = 1, n = 4.
    // D_o ∝ o_ab + o_ba = 2; D_e ∝ 2·n_a·n_b = 6; α = 1 − (n − 1)·2/6 = 1 − 3·2/6 = 0.
    const t = buildRatingTable([
      { item: "1", rater: "r1", label: "a" },
      { item: "1", rater: "r2", label: "a" },
      { item: "2", rater: "r1", label: "a" },
      { item: "2", rater: "r2", label: "b" },
    ]);
    expect(krippendorffAlpha(t)).toBeCloseTo(0, 12);
  });
});

describe("Fleiss' kappa, raw agreement, Gwet's AC1", () => {
  it("Fleiss' example: P̄ = 0.378, κ = 0.210", () => {
    expect(rawAgreement(FLEISS)).toBeCloseTo(0.378, 3);
    expect(fleissKappa(FLEISS)).toBeCloseTo(0.21, 3);
  });
  it("Gwet's AC1 on Fleiss' example, by hand: 0.2256", () => {
    // π = column totals / 140 = (20, 28, 39, 21, 32)/140; Σπ(1−π) = 1 − Σπ² = 1 − 0.212755 = 0.787245;
    // p_e = 0.787245/(5 − 1) = 0.196811; p_a = P̄ = 0.378022; AC1 = (0.378022 − 0.196811)/(1 − 0.196811) = 0.225614.
    expect(gwetAC1(FLEISS)).toBeCloseTo(0.225614, 5);
  });
  it("raw agreement by hand: items (a,a,a), (a,a,b), (a,b)", () => {
    // P = 6/6, 2/6, 0/2 → mean (1 + 1/3 + 0)/3 = 4/9.
    const t = buildRatingTable([
      { item: "1", rater: "x", label: "a" },
      { item: "1", rater: "y", label: "a" },
      { item: "1", rater: "z", label: "a" },
      { item: "2", rater: "x", label: "a" },
      { item: "2", rater: "y", label: "a" },
      { item: "2", rater: "z", label: "b" },
      { item: "3", rater: "x", label: "a" },
      { item: "3", rater: "y", label: "b" },
      { item: "4", rater: "x", label: "b" }, // one rating: left out
    ]);
    expect(rawAgreement(t)).toBeCloseTo(4 / 9, 12);
  });
  it("a rater's second label on the same item replaces the first", () => {
    const t = buildRatingTable([
      { item: "1", rater: "x", label: "a" },
      { item: "1", rater: "x", label: "b" },
      { item: "1", rater: "y", label: "b" },
    ]);
    expect(t.counts[0]).toEqual([0, 2]);
    expect(() => buildRatingTable([{ item: "1", rater: "x", label: "c" }], ["a", "b"])).toThrow(/label "c"/);
  });
});
