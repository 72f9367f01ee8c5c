import { describe, expect, it } from "vitest";
import { computeCampaignStats, type Judgment } from "../stats";
import { criterionSection, valueAt } from "./report-html-criterion";
import type { ReportJson } from "./report-json";
import { breakdownEntries, headline, headlinePaths } from "./report-view";

/** Two models on 12 prompts: "Animals" has 10 of them, "Food" 2 (too few for a bootstrap); a third model never meets them. */
function judgments(): Judgment[] {
  const out: Judgment[] = [];
  for (let p = 0; p < 12; p++)
    for (let a = 0; a < 3; a++)
      out.push({
        pairId: `pair${p}`,
        promptId: `prompt${p}`,
        category: p < 10 ? "Animals" : "Food",
        modelA: "emu",
        modelB: "sdxl",
        winner: (p + a) % 3 === 0 ? "B" : "A",
        annotatorId: `ann${a}`,
        leftModel: a === 0 ? "sdxl" : "emu",
        criterion: "visual_appeal",
      });
  for (let p = 0; p < 6; p++)
    out.push({
      pairId: `other${p}`,
      promptId: `other${p}`,
      modelA: p % 2 ? "edit-a" : "edit-b",
      modelB: "edit-c",
      winner: "A",
      annotatorId: "ann0",
      criterion: "visual_appeal",
    });
  return out;
}

const stats = computeCampaignStats(judgments(), { bootstrapRounds: 100 });
const c = stats.criteria[0];
const report = {
  settings: { ties: "half", interval: "bootstrap-bca", level: 0.95, aggregation: "majority" },
  protocol: { criteria: [] },
  stats,
} as unknown as ReportJson;

describe("a breakdown group with too few prompts, as the page and the report show it", () => {
  const food = breakdownEntries(c, "category").find((e) => e.group === "Food")!;
  const animals = breakdownEntries(c, "category").find((e) => e.group === "Animals")!;

  it("shows Wilson over prompts whatever interval is chosen, flagged; a group of 10 keeps its bootstrap", () => {
    for (const interval of ["bootstrap-bca", "bootstrap-percentile", "wilson"] as const) {
      const r = headline(food.h, { ties: "half", interval })!;
      expect(r.lower).toBe(food.h.winRateTiesHalf.wilsonPrompts!.lower);
      expect(r.upper).toBe(food.h.winRateTiesHalf.wilsonPrompts!.upper);
      expect(r.upper! - r.lower!).toBeGreaterThan(0.3);
      expect(r.flag).toBe("Wilson over 2 prompts: too few for a bootstrap (< 10)");
    }
    const big = headline(animals.h, { ties: "half", interval: "bootstrap-bca" })!;
    expect(big.flag).toBeNull();
    expect(big.lower).toBe(animals.h.winRateTiesHalf.bootstrap!.bca.lower);
  });

  it("the HTML report's numbers point at the interval shown, with the flag beside it", () => {
    const html = criterionSection(report, c, 0);
    const p = headlinePaths(report.settings, food.h);
    expect(p.lower).toBe("winRateTiesHalf.wilsonPrompts.lower");
    const path = `stats.criteria.0.${food.path}.${p.lower}`;
    expect(html).toContain(`data-k="${path}"`);
    expect(valueAt(report, path)).toBe(food.h.winRateTiesHalf.wilsonPrompts!.lower);
    expect(html).toContain("Wilson over 2 prompts: too few for a bootstrap (&lt; 10)");
  });

  it("the report shows the adjusted position bias and a leaderboard per component", () => {
    const html = criterionSection(report, c, 0);
    expect(html).toContain('data-k="stats.criteria.0.positionBias.adjusted.pValue"');
    expect(c.leaderboard!.components).toEqual([
      ["edit-a", "edit-b", "edit-c"],
      ["emu", "sdxl"],
    ]);
    expect(html).toContain("The comparison graph is disconnected: 2 groups of models (3 + 2 models)");
  });
});
