import { describe, expect, it } from "vitest";
import { campaignBudget, type BudgetInput } from "./budget";

const EMU = [
  { key: "visual_appeal", judgmentsPerPair: 5 },
  { key: "text_faithfulness", judgmentsPerPair: 3 },
];
const base: BudgetInput = {
  prompts: 36,
  seedsPerPrompt: 1,
  models: 2,
  pairDesign: "all_pairs",
  criteria: EMU,
  perAnnotatorCap: null,
  goldRate: 0,
};

describe("campaignBudget", () => {
  it("the issue's study: 36 prompts, two models, Emu's 5 + 3 judgments", () => {
    const b = campaignBudget(base);
    expect(b.pairs).toBe(36);
    expect(b.perCriterion).toEqual([
      { key: "visual_appeal", judgmentsPerPair: 5, judgments: 180 },
      { key: "text_faithfulness", judgmentsPerPair: 3, judgments: 108 },
    ]);
    expect(b.totalJudgments).toBe(288);
    // Each pair needs 5 distinct annotators; one assignment answers both criteria while both are short.
    expect(b.assignments).toBe(180);
    expect(b.minAnnotators).toBe(5);
    expect(b.annotatorsAtCap).toBeNull();
  });

  it("annotators at the cap: gold pairs take their share of it", () => {
    // 180 assignments / (30 × 0.95 = 28.5 regular pairs each) = 6.3 → 7 annotators.
    const b = campaignBudget({ ...base, perAnnotatorCap: 30, goldRate: 0.05 });
    expect(b.annotatorsAtCap).toBe(7);
    // 180 × 0.05 / 0.95 = 9.47 gold assignments expected on top.
    expect(b.goldAssignments).toBe(9);
    // Exactly divisible: 180 / 18 = 10, not 11.
    expect(campaignBudget({ ...base, perAnnotatorCap: 18 }).annotatorsAtCap).toBe(10);
  });

  it("never fewer annotators than a pair needs, however large the cap", () => {
    expect(campaignBudget({ ...base, perAnnotatorCap: 10_000 }).annotatorsAtCap).toBe(5);
  });

  it("model pairs: all pairs k(k−1)/2, or k−1 against a baseline; seeds multiply", () => {
    expect(campaignBudget({ ...base, models: 4 }).modelPairs).toBe(6);
    expect(campaignBudget({ ...base, models: 4, pairDesign: "baseline" }).modelPairs).toBe(3);
    expect(campaignBudget({ ...base, models: 4, seedsPerPrompt: 2 }).pairs).toBe(36 * 2 * 6);
    expect(campaignBudget({ ...base, models: 1 }).pairs).toBe(0);
    expect(campaignBudget({ ...base, models: 1, perAnnotatorCap: 5 }).annotatorsAtCap).toBe(0);
  });
});
