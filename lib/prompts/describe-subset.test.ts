import { describe, expect, it } from "vitest";
import { describeSubset } from "./describe-subset";

describe("describeSubset", () => {
  it("names the mode, the filters and the seed", () => {
    expect(describeSubset(null)).toBe("every prompt of the set");
    expect(describeSubset({ mode: "all", seed: 0 })).toBe("every prompt");
    expect(
      describeSubset({ mode: "per-category", perCategory: 3, seed: 7, includeCategories: ["Animals", "Vehicles"] }),
    ).toBe("at most 3 per category, only categories Animals, Vehicles; sample seed 7");
    expect(describeSubset({ mode: "fraction", fraction: 0.125, seed: 0, excludeChallenges: ["Writing"] })).toBe(
      "12.5% stratified by category, without challenges Writing; sample seed 0",
    );
  });
});
