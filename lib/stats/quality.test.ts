import { describe, expect, it } from "vitest";
import { annotatorQuality } from "./annotator-quality";
import { planSampleSize } from "./planning";
import { positionBias } from "./position-bias";
import { wilsonInterval } from "./wilson";
import type { Judgment, Winner } from "./types";

const vote = (pairId: string, annotatorId: string, winner: Winner, extra: Partial<Judgment> = {}): Judgment => ({
  pairId,
  promptId: pairId,
  modelA: "x",
  modelB: "y",
  winner,
  annotatorId,
  ...extra,
});

describe("annotator quality", () => {
  it("gold accuracy, leave-one-out majority agreement and median time, by hand", () => {
    // p1: a1 A, a2 A, a3 A, a4 B. Others' majority: a1 → (A, A, B) = A ✓, a2 ✓, a3 ✓, a4 → (A, A, A) = A ✗.
    // p2: a1 B, a2 B, a4 stores the pair swapped and answers A (= y, i.e. B in p2's orientation):
    //     a1 → (B, B) ✓, a2 ✓, a4 ✓.
    const q = annotatorQuality([
      vote("p1", "a1", "A", { goldWinner: "A", seconds: 3 }),
      vote("p1", "a2", "A"),
      vote("p1", "a3", "A"),
      vote("p1", "a4", "B", { goldWinner: "A" }),
      vote("p2", "a1", "B", { seconds: 5 }),
      vote("p2", "a2", "B"),
      vote("p2", "a4", "A", { modelA: "y", modelB: "x" }),
    ]);
    expect(q.map((a) => [a.annotatorId, a.judgments, a.agreementWithMajority, a.goldAccuracy])).toEqual([
      ["a1", 2, 1, 1],
      ["a2", 2, 1, null],
      ["a3", 1, 1, null],
      ["a4", 2, 0.5, 0],
    ]);
    expect(q[0].medianSeconds).toBe(4);
    expect(q[1].medianSeconds).toBeNull();
  });
});

describe("position bias", () => {
  it("7 left wins, 3 right wins, 2 ties: share 0.7, Wilson(7, 10), p = 352/1024", () => {
    const js: Judgment[] = [];
    for (let i = 0; i < 7; i++) js.push(vote(`l${i}`, "a", i % 2 ? "A" : "B", { leftModel: i % 2 ? "x" : "y" }));
    for (let i = 0; i < 3; i++) js.push(vote(`r${i}`, "a", "A", { leftModel: "y" }));
    js.push(
      vote("t1", "a", "tie", { leftModel: "x" }),
      vote("t2", "a", "tie", { leftModel: "y" }),
      vote("n", "a", "A"),
    );
    const pb = positionBias(js);
    expect([pb.judgments, pb.leftWins, pb.rightWins, pb.ties]).toEqual([12, 7, 3, 2]);
    expect(pb.leftShare).toBeCloseTo(0.7, 12);
    expect(pb.interval).toEqual(wilsonInterval(7, 10));
    expect(pb.pValue).toBeCloseTo(352 / 1024, 12);
  });
});

describe("planning", () => {
  it("design effect and judgments needed, by hand", () => {
    // Prompts with scores (1,1), (0,0), (1,0): N = 6, p̂ = ½, Σs² = 3 → σ² = (3 − 6·¼)/5 = 0.3, Var_SRS = 0.05.
    // Cluster residuals s_c − p̂·n_c = 1, −1, 0 → Var_cluster = (3/2)·2/36 = 1/12 → deff = (1/12)/0.05 = 5/3.
    // Half-width 1.959964·√(1/12) = 0.565793. For ±0.1: N* = ⌈3.841459·0.3·(5/3)/0.01⌉ = ⌈192.07⌉ = 193,
    // 187 more, ⌈193/2⌉ = 97 prompts.
    const plan = planSampleSize({ units: [2, 2, 2], scoreSum: [2, 0, 1], scoreSquares: [2, 0, 1] }, 0.1)!;
    expect(plan.unitVariance).toBeCloseTo(0.3, 12);
    expect(plan.designEffect).toBeCloseTo(5 / 3, 12);
    expect(plan.halfWidth).toBeCloseTo(0.565793, 6);
    expect([plan.unitsNeeded, plan.additionalUnits, plan.clustersNeeded]).toEqual([193, 187, 97]);
  });
  it("has a design effect of exactly 1 with one outcome per prompt", () => {
    const plan = planSampleSize(
      { units: [1, 1, 1, 1], scoreSum: [1, 0, 0.5, 1], scoreSquares: [1, 0, 0.25, 1] },
      0.05,
    )!;
    expect(plan.designEffect).toBeCloseTo(1, 12);
    expect(planSampleSize({ units: [3], scoreSum: [1], scoreSquares: [1] }, 0.05)).toBeNull();
  });
});
