import { describe, expect, it } from "vitest";
import type { CampaignData, PairInfo } from "./campaign-data";
import type { CampaignReduction } from "./reductions";
import type { VoteCellRow } from "./statements";
import { named, promptOutcomes, sequentialFigures } from "./sequential-figures";

/** Two models x, y; prompts p1…pn with `seeds` pairs each (model A = x on even seeds, y on odd: orientation must not matter). */
function campaign(prompts: number, seeds = 1, target = 2): CampaignData {
  const pairs = new Map<string, PairInfo>();
  for (let p = 1; p <= prompts; p++)
    for (let s = 0; s < seeds; s++) {
      const id = `p${p}s${s}`;
      const [modelA, modelB] = s % 2 ? ["y", "x"] : ["x", "y"];
      pairs.set(id, {
        pairId: id,
        promptId: `p${p}`,
        prompt: "",
        category: null,
        challenge: null,
        seed: s,
        imageAId: `${id}a`,
        imageBId: `${id}b`,
        modelA,
        modelB,
        isGold: false,
        goldExpectedImageId: null,
      });
    }
  return {
    campaign: { seedsPerPrompt: seeds, pairDesign: "all_pairs" } as CampaignData["campaign"],
    stopRule: {
      stopWhenDecided: true,
      margin: 0.05,
      alpha: 0.05,
      judgmentBudget: null,
      moneyBudget: null,
      pricePerJudgment: null,
    },
    models: ["x", "y"],
    modelIds: ["idx", "idy"],
    baselineModel: null,
    criteria: [
      {
        id: "c",
        key: "appeal",
        question: "?",
        showPrompt: false,
        choices: ["left", "right", "tie"],
        judgmentsPerPair: target,
      },
    ],
    goldCriterionId: null,
    pairs,
    annotators: new Map(),
  };
}

const reduction = (cells: VoteCellRow[]): CampaignReduction => ({
  cells,
  answers: { annotators: [], criteria: [], judges: new Map(), excluded: [] },
  ratings: null,
});
/** A cell: `n` votes for `choice` with model A's image on the left of pair `id`, first judged at `rank`. */
const cell = (id: string, choice: string, n: number, rank: number, excluded = false): VoteCellRow => {
  const votes = [0, 0, 0, 0, 0, 0];
  votes[choice === "left" ? 0 : choice === "right" ? 2 : 4] = n;
  const none = [0, 0, 0, 0, 0, 0];
  return { criterionId: "c", pairId: id, votes: excluded ? none : votes, excluded: excluded ? votes : none, rank };
};
const index = new Map([
  ["x", 0],
  ["y", 1],
]);

describe("promptOutcomes", () => {
  it("scores x per prompt over its seeds (ties half), in the order prompts started, complete ones only up to the first incomplete", () => {
    const data = campaign(4, 2);
    const out = promptOutcomes(
      data,
      reduction([
        // p2 started first: seed 0 x wins twice; seed 1 (A = y) y wins once, tie once → x: (2 + 0 + ½)/4.
        cell("p2s0", "left", 2, 1),
        cell("p2s1", "left", 1, 2),
        cell("p2s1", "tie", 1, 2),
        // p1: x loses both seeds (seed 1 A = y wins on the left) → 0.
        cell("p1s0", "right", 2, 3),
        cell("p1s1", "left", 2, 4),
        // p4 started before p3 but is incomplete (one judgment on seed 1): p3 must wait.
        cell("p4s0", "left", 2, 5),
        cell("p4s1", "left", 1, 6),
        cell("p3s0", "left", 2, 7),
        cell("p3s1", "right", 2, 8),
      ]),
      index,
    );
    expect(out.get("c")!.get(1)).toEqual([2.5 / 4, 0]);
  });

  it("counts an excluded annotator towards the target but not the score", () => {
    const out = promptOutcomes(
      campaign(1),
      reduction([cell("p1s0", "left", 1, 1), cell("p1s0", "right", 1, 1, true)]),
      index,
    );
    expect(out.get("c")!.get(1)).toEqual([1]);
  });
});

describe("sequentialFigures", () => {
  it("decides x the winner after enough complete prompts all won by x, with x named in the reason", () => {
    const prompts = 30;
    const data = campaign(prompts, 1, 1);
    const cells = Array.from({ length: prompts }, (_, i) => cell(`p${i + 1}s0`, "left", 1, i + 1));
    const figures = sequentialFigures(data, reduction(cells), data.stopRule, { judgments: prompts, imageCost: null });
    const [c] = figures.comparisons;
    expect(c.criteria[0].decision).toBe("winner_a");
    expect(c.criteria[0].reason).toMatch(/^x wins: /);
    expect(c.decided).toBe(true);
    expect(c.priority).toBe(0);
    expect(figures.allDecided).toBe(true);
    expect(figures.summary).toBe(
      "All 1 comparison is decided on every criterion (criterion by criterion: 1 with a winner, 0 with no practical difference).",
    );
  });

  it("marks every undecided comparison at the budget once the money budget is spent", () => {
    const data = campaign(3, 1, 1);
    const rule = { ...data.stopRule, moneyBudget: 1, pricePerJudgment: 0.25 };
    const cells = [cell("p1s0", "left", 1, 1), cell("p2s0", "right", 1, 2)];
    const figures = sequentialFigures(data, reduction(cells), rule, { judgments: 2, imageCost: 0.5 });
    expect(figures.spent).toBe(1);
    expect(figures.budgetReached).toBe("the money budget is spent (1 of 1)");
    expect(figures.comparisons[0].criteria[0].decision).toBe("budget");
    expect(figures.allDecided).toBe(true);
  });

  it("names the models in a decision's reason", () => {
    expect(named("B wins: the 95 % sequence …", "x", "y")).toBe("y wins: the 95 % sequence …");
    expect(named("Undecided: …", "x", "y")).toBe("Undecided: …");
  });
});
