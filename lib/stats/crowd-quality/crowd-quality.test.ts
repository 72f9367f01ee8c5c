import { describe, expect, it } from "vitest";
import { annotatorQuality } from "../annotator-quality";
import { quantileSorted } from "../quantile";
import { createRng } from "../rng";
import type { Judgment, Winner } from "../types";
import { binomialLowerTail } from "./binomial-tail";
import { looAgreement, looAgreementFlag, majorityAnswer, type ItemVote } from "./loo-agreement";
import { EXACT_RUN_LIMIT, longestRun, longestRunTailProbability } from "./longest-run";
import { DEFAULT_CROWD_QUALITY_RULES as RULES } from "./rules";
import { sharedDeviceFlag, sharedDevices } from "./shared-device";
import { sideBias, sideBiasFlag, type Side } from "./side-bias";
import { dispersion, timingFlag, timingRegularity } from "./timing-regularity";

/** C(n, k) as a BigInt: exact reference values without floating point. */
function choose(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** Longest run of equal bits in the n-bit pattern `bits`, by brute force. */
function longestRunOfBits(bits: number, n: number): number {
  let best = 0,
    run = 0;
  for (let i = 0; i < n; i++) {
    run = i > 0 && ((bits >> i) & 1) === ((bits >> (i - 1)) & 1) ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

describe("binomial lower tail", () => {
  it("matches exact sums of binomial coefficients", () => {
    // P(X ≤ 3 | 10, ½) = (1 + 10 + 45 + 120)/1024.
    expect(binomialLowerTail(3, 10, 0.5)).toBeCloseTo(176 / 1024, 14);
    // P(X ≤ 2 | 5, 0.3) = 0.7⁵ + 5·0.3·0.7⁴ + 10·0.09·0.7³ = 0.16807 + 0.36015 + 0.3087.
    expect(binomialLowerTail(2, 5, 0.3)).toBeCloseTo(0.83692, 12);
    // P(X ≤ 40 | 100, ½) = Σ_{k ≤ 40} C(100, k) / 2^100, in exact integers.
    let count = 0n;
    for (let k = 0; k <= 40; k++) count += choose(100, k);
    const exact = Number((count * 10n ** 18n) / 2n ** 100n) / 1e18;
    expect(Math.abs(binomialLowerTail(40, 100, 0.5) - exact)).toBeLessThan(1e-12);
  });

  it("keeps relative precision far in the tail, and handles the edges", () => {
    expect(binomialLowerTail(0, 200, 0.5) / 2 ** -200).toBeCloseTo(1, 10);
    expect(binomialLowerTail(0, 20, 0.1)).toBeCloseTo(0.9 ** 20, 14);
    expect(binomialLowerTail(-1, 10, 0.5)).toBe(0);
    expect(binomialLowerTail(10, 10, 0.3)).toBe(1);
    expect(binomialLowerTail(3, 10, 0)).toBe(1);
    expect(binomialLowerTail(3, 10, 1)).toBe(0);
    expect(() => binomialLowerTail(3, 10, 1.5)).toThrow(RangeError);
  });
});

describe("longest run", () => {
  it("finds the longest stretch and its value", () => {
    expect(longestRun(["l", "l", "r", "r", "r", "l"])).toEqual({ length: 3, value: "r", start: 2 });
    expect(longestRun([])).toEqual({ length: 0, value: null, start: -1 });
    expect(longestRun([1])).toEqual({ length: 1, value: 1, start: 0 });
  });

  it("tail probability equals brute-force enumeration of every sequence (n ≤ 14)", () => {
    for (let n = 1; n <= 14; n++) {
      const atLeast = new Array<number>(n + 2).fill(0);
      for (let bits = 0; bits < 2 ** n; bits++) {
        const L = longestRunOfBits(bits, n);
        for (let r = 0; r <= L; r++) atLeast[r]++;
      }
      for (let r = 0; r <= n + 1; r++) {
        const { pValue, exact } = longestRunTailProbability(n, r);
        expect(exact).toBe(true);
        expect(Math.abs(pValue - atLeast[r] / 2 ** n)).toBeLessThan(1e-14);
      }
    }
  });

  it("P(L_n ≥ 3) = 1 − 2·F(n+1)/2ⁿ (sequences with runs ≤ 2 are 2 × compositions of n into 1s and 2s)", () => {
    const n = 60;
    let [a, b] = [1n, 1n]; // F(1), F(2)
    for (let i = 2; i < n + 1; i++) [a, b] = [b, a + b]; // b = F(n + 1)
    const exact = 1 - Number((2n * b * 10n ** 18n) / 2n ** BigInt(n)) / 1e18;
    expect(Math.abs(longestRunTailProbability(n, 3).pValue - exact)).toBeLessThan(1e-12);
  });

  it("uses the exact closed form above n/2 and the union bound beyond the exact limit", () => {
    // r > n/2: (n − r + 2)·2^−r; a run of all n tosses: 2^(1−n).
    expect(longestRunTailProbability(100, 60)).toEqual({ pValue: 42 * 2 ** -60, exact: true });
    expect(longestRunTailProbability(30, 30).pValue).toBe(2 ** -29);
    const big = longestRunTailProbability(400, EXACT_RUN_LIMIT + 6);
    expect(big).toEqual({ pValue: (400 - 70 + 2) * 2 ** -70, exact: false });
    // Within the exact range the union bound is an upper bound of the exact value.
    const dp = longestRunTailProbability(40, 12);
    expect(dp.exact).toBe(true);
    expect(dp.pValue).toBeLessThanOrEqual((40 - 12 + 2) * 2 ** -12);
    expect(dp.pValue).toBeGreaterThan(0.9 * (40 - 12 + 2) * 2 ** -12);
  });
});

describe("side bias", () => {
  it("share, exact test and longest run, by hand", () => {
    const e = sideBias(["left", "left", "left", "right", "tie", "left"]);
    // 4 of 5 decisive on the left: p = P(X ≥ 4) + P(X ≤ 1) = (1 + 5 + 5 + 1)/32.
    expect([e.decisive, e.left, e.leftShare, e.longestRun, e.longestRunSide]).toEqual([5, 4, 0.8, 3, "left"]);
    expect(e.pValue).toBeCloseTo(12 / 32, 12);
    // Runs of ≥ 3 in 5 tosses: (5 − 3 + 2)/8 = ½ (16 of 32 sequences).
    expect(e.runPValue).toBeCloseTo(0.5, 14);
    expect(sideBiasFlag(e, RULES)).toBe(false);
    // The compact form (one letter a side) reads the same.
    expect(sideBias("lllrtl")).toEqual(e);
    expect(sideBias("")).toEqual(sideBias([]));
  });

  it("flags always-left and long blocks, not a balanced or mildly lopsided annotator", () => {
    const repeat = (side: Side, n: number): Side[] => new Array<Side>(n).fill(side);
    expect(sideBiasFlag(sideBias(repeat("left", 30)), RULES)).toBe(true);
    // 20 left then 20 right: share ½ but a run of 20 in 40 tosses. The 22 starts of a run of
    // ≥ 20 count the two sequences with two such runs (20 + 20) twice: p = 22·2^−20 − 2·2^−40.
    const blocks = sideBias([...repeat("left", 20), ...repeat("right", 20)]);
    expect(blocks.pValue).toBeCloseTo(1, 12);
    expect(blocks.runPValue).toBeCloseTo(22 * 2 ** -20 - 2 ** -39, 16);
    expect(sideBiasFlag(blocks, RULES)).toBe(true);
    const alternating = Array.from({ length: 60 }, (_, i): Side => (i % 2 ? "left" : "right"));
    expect(sideBiasFlag(sideBias(alternating), RULES)).toBe(false);
    // 70 of 100 on the left in runs of at most 3: p < 0.001, but a share 0.2 from ½ is a
    // preference, not straight-lining (sideMargin 0.25).
    const pattern: Side[] = ["left", "left", "right", "left", "left", "right", "left", "left", "right", "left"];
    const mild = sideBias(Array.from({ length: 100 }, (_, i) => pattern[i % 10]));
    expect([mild.left, mild.longestRun]).toEqual([70, 3]);
    expect(mild.pValue).toBeLessThan(0.001);
    expect(sideBiasFlag(mild, RULES)).toBe(false);
    expect(sideBiasFlag(sideBias([]), RULES)).toBe(false);
  });
});

describe("timing regularity", () => {
  it("classical and robust coefficients of variation, by hand", () => {
    // 1…5: mean 3, s = √2.5; median 3, MAD 1 → 1.4826/3.
    const d = dispersion([5, 1, 4, 2, 3]);
    expect(d.count).toBe(5);
    expect(d.cv).toBeCloseTo(Math.sqrt(2.5) / 3, 12);
    expect(d.robustCv).toBeCloseTo(1.4826 / 3, 12);
    expect(dispersion([0, -1, NaN])).toEqual({ count: 0, median: null, cv: null, robustCv: null });
  });

  it("the robust CV equals the MAD of sorted absolute deviations, exactly (ties, odd and even counts, values at the median)", () => {
    const rng = createRng(4);
    for (let n = 1; n <= 60; n++) {
      const xs = Array.from({ length: n }, () => (800 + rng.int(40) * 100) / 1000);
      const sorted = Float64Array.from(xs).sort();
      const median = quantileSorted(sorted, 0.5);
      const mad = quantileSorted(sorted.map((x) => Math.abs(x - median)).sort(), 0.5);
      expect(dispersion(xs).robustCv).toBe((1.4826 * mad) / median);
    }
  });

  it("reads an ascending sample in place, copies any other, changes neither; gaps from unsorted times", () => {
    const rng = createRng(9);
    const xs = Array.from({ length: 41 }, () => (500 + rng.int(3000)) / 1000);
    const messy = [...xs, 0, -2, NaN, Infinity];
    const ascending = Float64Array.from(xs).sort();
    const before = [...messy];
    expect(dispersion(ascending)).toEqual(dispersion(messy));
    expect(messy).toEqual(before);
    expect([...ascending]).toEqual([...xs].sort((a, b) => a - b));
    // Times out of order, two equal (a zero gap, not usable) and one unknown: the gaps of the sorted finite times.
    const at = [4000, 1000, 2500, 2500, NaN, 9000, 7000];
    const sorted = [1000, 2500, 2500, 4000, 7000, 9000];
    const gaps = sorted.slice(1).map((t, i) => (t - sorted[i]) / 1000);
    expect(timingRegularity(xs, at).gapSeconds).toEqual(dispersion(gaps));
    expect(timingRegularity(xs, at).gapSeconds.count).toBe(4);
  });

  it("a long pause cannot hide a metronome from the robust CV; people vary", () => {
    const answers = Array.from({ length: 30 }, (_, i) => 2 + 0.01 * ((i * 7) % 5));
    const at = answers.map((_, i) => i * 2500 + (i > 20 ? 600_000 : 0)); // one ten-minute break
    const bot = timingRegularity(answers, at);
    expect(bot.gapSeconds.count).toBe(29);
    expect(bot.gapSeconds.cv).toBeGreaterThan(1);
    expect(bot.gapSeconds.robustCv).toBe(0);
    expect(bot.answerSeconds.robustCv).toBeLessThan(0.02);
    expect(timingFlag(bot, RULES)).toBe(true);
    const human = Array.from({ length: 30 }, (_, i) => 4 * Math.exp(0.5 * Math.sin(i * 1.7)));
    expect(timingFlag(timingRegularity(human, []), RULES)).toBe(false);
    // Too few times to judge.
    expect(timingFlag(timingRegularity(answers.slice(0, 19), []), RULES)).toBe(false);
  });
});

describe("leave-one-out agreement", () => {
  it("majority of the others, the crowd's median and the one-sided exact test, by hand", () => {
    expect(majorityAnswer(["A", "A", "B"])).toBe("A");
    expect(majorityAnswer(["A", "A", "B", "B"])).toBeNull();
    expect(majorityAnswer(["tie", "tie", "A"])).toBe("tie");
    // Twelve items voted by g1, g2, g3 (always A) and x, who answers B on the first 8.
    const items: ItemVote[][] = Array.from({ length: 12 }, (_, i) => [
      { annotatorId: "g1", vote: "A" },
      { annotatorId: "g2", vote: "A" },
      { annotatorId: "g3", vote: "A" },
      { annotatorId: "x", vote: i < 8 ? "B" : "A" },
    ]);
    const rules = { looMinOthers: 3, looMinItems: 10, looMargin: 0.1 };
    const loo = looAgreement(items, rules);
    // g's others are (A, A, x): majority A on every item → 12/12. x agrees on 4 of 12.
    expect(loo.get("g1")).toMatchObject({ items: 12, agreed: 12, rate: 1 });
    const x = loo.get("x")!;
    expect([x.items, x.agreed]).toEqual([12, 4]);
    // Crowd median of (1, 1, 1, ⅓) = 1; tested against 0.9: P(X ≤ 4 | 12, 0.9).
    expect(x.crowdRate).toBe(1);
    expect(x.testedRate).toBeCloseTo(0.9, 15);
    let p = 0;
    for (let k = 0; k <= 4; k++) p += Number(choose(12, k)) * 0.9 ** k * 0.1 ** (12 - k);
    expect(x.pValue).toBeCloseTo(p, 15);
    expect(looAgreementFlag(x, RULES)).toBe(true);
    expect(looAgreementFlag(loo.get("g1")!, RULES)).toBe(false);
    // Items with fewer than three others are not compared.
    expect(looAgreement([items[0].slice(0, 3)], rules).size).toBe(0);
  });
});

describe("shared devices", () => {
  it("groups annotators by equal hash", () => {
    const e = sharedDevices(
      new Map<string, string | null>([
        ["a", "h1"],
        ["b", "h2"],
        ["c", "h1"],
        ["d", null],
        ["e", "h1"],
      ]),
    );
    expect(e.get("a")).toEqual({ hash: "h1", sharedWith: ["c", "e"] });
    expect(e.get("b")).toEqual({ hash: "h2", sharedWith: [] });
    expect(e.get("d")).toEqual({ hash: null, sharedWith: [] });
    expect(sharedDeviceFlag(e.get("c")!, 2)).toBe(true);
    expect(sharedDeviceFlag(e.get("c")!, 4)).toBe(false);
    expect(sharedDeviceFlag(e.get("b")!, 2)).toBe(false);
    expect(sharedDeviceFlag(e.get("d")!, 1)).toBe(false);
  });
});

describe("annotator quality with crowd signals", () => {
  const vote = (pairId: string, annotatorId: string, winner: Winner, extra: Partial<Judgment> = {}): Judgment => ({
    pairId,
    promptId: pairId,
    modelA: "x",
    modelB: "y",
    winner,
    annotatorId,
    ...extra,
  });

  it("reads sides in recording order, combines the flags and leaves shared devices out without hashes", () => {
    // 12 answers for x on the left, given newest first: recording order makes a run of 12, p = 2^−11.
    const js: Judgment[] = [];
    for (let i = 0; i < 12; i++)
      js.push(vote(`p${i}`, "lefty", "A", { leftModel: "x", at: 1_000_000 - i * 1000, seconds: 1 + (i % 4) }));
    const [q] = annotatorQuality(js);
    expect(q.signals.sideBias).toMatchObject({ decisive: 12, left: 12, longestRun: 12, longestRunSide: "left" });
    expect(q.signals.sideBias.runPValue).toBeCloseTo(2 ** -11, 18);
    expect(q.flags).toEqual(["side-bias"]);
    expect(q.signals.sharedDevice).toBeNull();
    expect(q.signals.timing.gapSeconds.count).toBe(11);
    expect(q.signals.speed).toEqual({ timed: 12, medianSeconds: 2.5, crowdMedianSeconds: 2.5, floorSeconds: 0.8 });
  });

  it("flags gold misses and speed under the campaign's rules, and shared devices from hashes", () => {
    const js: Judgment[] = [];
    for (let i = 0; i < 10; i++) {
      js.push(vote(`g${i}`, "careless", i < 4 ? "B" : "A", { goldWinner: "A", seconds: 0.5 }));
      js.push(vote(`g${i}`, "careful", "A", { goldWinner: "A", seconds: 3 + (i % 3) }));
    }
    const q = annotatorQuality(js, {
      deviceHashes: new Map([
        ["careless", "h"],
        ["careful", "h"],
      ]),
      rules: { minMedianSeconds: 1 },
    });
    expect(q.map((a) => [a.annotatorId, a.flags])).toEqual([
      ["careful", ["shared-device"]],
      ["careless", ["gold", "speed", "shared-device"]],
    ]);
    expect(q[1].signals.gold).toEqual({ answered: 10, missed: 4 });
    // Crowd median of (4, 0.5) medians = 2.25; floor max(1, 0.3·2.25) = 1.
    expect(q[1].signals.speed).toEqual({ timed: 10, medianSeconds: 0.5, crowdMedianSeconds: 2.25, floorSeconds: 1 });
  });
});
