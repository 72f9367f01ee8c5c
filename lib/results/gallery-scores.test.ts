import { describe, expect, it } from "vitest";
import { pairScores } from "./gallery-scores";

describe("pairScores compares votes within a criterion", () => {
  it("one annotator, A on visual appeal and B on text faithfulness: no disagreement", () => {
    // Pooled over criteria this pair would read as a 1–1 split (disagreement ½, decisiveness 0).
    const s = pairScores([
      { criterionId: "visual", a: 1, b: 0, t: 0 },
      { criterionId: "text", a: 0, b: 1, t: 0 },
    ]);
    expect(s).toEqual({ votes: 2, disagreement: 0, decisiveness: 1 });
  });

  it("weights each criterion by its votes (hand-derived)", () => {
    // visual 2 A / 1 B / 0 tie: 1 vote off its top answer, margin 1; text 1 / 1 / 1: 2 off, margin 0.
    const s = pairScores([
      { criterionId: "visual", a: 2, b: 1, t: 0 },
      { criterionId: "text", a: 1, b: 1, t: 1 },
    ]);
    expect(s.votes).toBe(6);
    expect(s.disagreement).toBeCloseTo(3 / 6, 12);
    expect(s.decisiveness).toBeCloseTo(1 / 6, 12);
  });

  it("one criterion: 1 − top share and |a − b|/n; no votes: zeros", () => {
    expect(pairScores([{ criterionId: "c", a: 3, b: 1, t: 1 }])).toEqual({
      votes: 5,
      disagreement: 1 - 3 / 5,
      decisiveness: 2 / 5,
    });
    expect(pairScores([])).toEqual({ votes: 0, disagreement: 0, decisiveness: 0 });
  });
});
