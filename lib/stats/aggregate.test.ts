import { describe, expect, it } from "vitest";
import { aggregateByMajority, countOutcomes, majorityWinner, outcomeUnits } from "./aggregate";
import { parseWinner } from "./choices";
import { winRates } from "./win-rates";
import type { Judgment, Winner } from "./types";

const j = (pairId: string, winner: Winner, extra: Partial<Judgment> = {}): Judgment => ({
  pairId,
  promptId: `prompt-${pairId}`,
  modelA: "emu",
  modelB: "sdxl",
  winner,
  ...extra,
});

describe("majority per pair (Emu)", () => {
  it.each([
    [["A", "A", "B"], "A"],
    [["A", "B", "tie"], "tie"], // every answer once: top count shared
    [["A", "A", "B", "B", "tie"], "tie"], // even split between A and B
    [["A", "A", "tie", "tie", "B"], "tie"], // A and tie share the top
    [["B", "B", "B", "A", "tie"], "B"],
    [["tie", "tie", "A"], "tie"],
  ] as [Winner[], Winner][])("%j → %s", (votes, expected) => {
    expect(majorityWinner(votes)).toBe(expected);
  });
  it("collapses each pair, flipping votes stored the other way round", () => {
    const units = aggregateByMajority([
      j("p1", "A"),
      j("p1", "B", { modelA: "sdxl", modelB: "emu" }), // = a vote for emu
      j("p1", "B"),
      j("p2", "tie"),
      j("p2", "B"),
      j("p2", "B"),
    ]);
    expect(units.map((u) => [u.pairId, u.winner])).toEqual([
      ["p1", "A"],
      ["p2", "B"],
    ]);
  });
  it("keeps criteria apart", () => {
    const units = aggregateByMajority([
      j("p1", "A", { criterion: "appeal" }),
      j("p1", "B", { criterion: "faithfulness" }),
    ]);
    expect(units).toHaveLength(2);
  });
  it("rejects a pair whose judgments name different models", () => {
    expect(() => aggregateByMajority([j("p1", "A"), j("p1", "A", { modelB: "dalle" })])).toThrow(/pair p1/);
  });
});

describe("counting and win rates", () => {
  // 5 pairs × 3 votes. Majorities: p1 A, p2 A, p3 tie, p4 B, p5 A → emu 3 W, 1 T, 1 L.
  // Per judgment: A votes 2+3+1+0+2 = 8, B votes 1+0+1+2+0 = 4, ties 0+0+1+1+1 = 3.
  const votes: Judgment[] = [
    ...(["A", "A", "B"] as Winner[]).map((w) => j("p1", w)),
    ...(["A", "A", "A"] as Winner[]).map((w) => j("p2", w)),
    ...(["A", "B", "tie"] as Winner[]).map((w) => j("p3", w)),
    ...(["B", "B", "tie"] as Winner[]).map((w) => j("p4", w)),
    ...(["A", "A", "tie"] as Winner[]).map((w) => j("p5", w)),
  ];
  it("majority mode: 3 / 1 / 1", () => {
    expect(countOutcomes(outcomeUnits(votes, "majority"), "emu", "sdxl")).toEqual({
      win: 3,
      tie: 1,
      loss: 1,
      total: 5,
    });
    expect(countOutcomes(outcomeUnits(votes, "majority"), "sdxl", "emu")).toEqual({
      win: 1,
      tie: 1,
      loss: 3,
      total: 5,
    });
  });
  it("judgment mode: 8 / 3 / 4", () => {
    expect(countOutcomes(outcomeUnits(votes, "judgment"), "emu", "sdxl")).toEqual({
      win: 8,
      tie: 3,
      loss: 4,
      total: 15,
    });
  });
  it("win rates: shares, ties half, ties excluded", () => {
    const r = winRates({ win: 8, tie: 3, loss: 4, total: 15 });
    expect(r.winShare).toBeCloseTo(8 / 15, 12);
    expect(r.tieShare).toBeCloseTo(3 / 15, 12);
    expect(r.lossShare).toBeCloseTo(4 / 15, 12);
    expect(r.winRateTiesHalf).toBeCloseTo(9.5 / 15, 12);
    expect(r.winRateTiesExcluded).toBeCloseTo(8 / 12, 12);
    expect(winRates({ win: 0, tie: 2, loss: 0, total: 2 }).winRateTiesExcluded).toBeNull();
    expect(() => winRates({ win: 0, tie: 0, loss: 0, total: 0 })).toThrow();
  });
  it("reads Both / Neither / tie (bothbad) as ties", () => {
    expect(["Both", "neither", "tie (bothbad)", "TIE", "draw"].map(parseWinner)).toEqual([
      "tie",
      "tie",
      "tie",
      "tie",
      "tie",
    ]);
    expect(["A", "model_b", "b"].map(parseWinner)).toEqual(["A", "B", "B"]);
    expect(parseWinner("left")).toBeUndefined();
  });
});
