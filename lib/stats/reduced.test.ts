import { describe, expect, it } from "vitest";
import {
  computeCampaignStats,
  campaignStatsFromInputs,
  campaignStatsInTwoSteps,
  computeHeadToHeads,
  headToHeadsFromInputs,
  headToHeadsInTwoSteps,
  type CampaignStatsSettings,
} from "./campaign-stats";
import { annotatorQuality, annotatorQualityFromAnswers, type AnnotatorAnswers } from "./annotator-quality";
import { DEFAULT_CROWD_QUALITY_RULES } from "./crowd-quality/rules";
import {
  criterionAnnotatorsFromAnswers,
  criterionInputFromReduction,
  criterionVotesFromReduction,
  headToHeadInputFromReduction,
  headToHeadVotesFromReduction,
  WINNERS,
  type ReducedCriterion,
} from "./reduced";
import { createRng } from "./rng";
import { majorityOfCounts } from "./aggregate";
import type { Judgment, Winner } from "./types";

/** Judgments as a campaign stores them: pairs with fixed models, each annotator once per pair and criterion. */
function campaignJudgments(seed: number): Judgment[] {
  const rng = createRng(seed);
  const models = ["m-a", "m-b", "m-c"];
  const pairs = Array.from({ length: 60 }, (_, i) => {
    const a = rng.int(3);
    const b = (a + 1 + rng.int(2)) % 3;
    return {
      pairId: `p${i}`,
      promptId: `q${i % 23}`,
      modelA: models[a],
      modelB: models[b],
      category: ["x", "y", ""][i % 3],
    };
  });
  const out: Judgment[] = [];
  for (const criterion of ["look", "text"])
    for (const pair of pairs)
      for (let k = 0; k < 8; k++) {
        if (rng.next() < 0.3) continue;
        const u = rng.next();
        const winner: Winner = u < 0.2 ? "tie" : u < 0.65 ? "A" : "B";
        const j: Judgment = {
          ...pair,
          category: pair.category || undefined,
          winner,
          annotatorId: `ann-${k}`,
          leftModel: rng.next() < 0.5 ? pair.modelA : pair.modelB,
          criterion,
        };
        if (rng.next() < 0.9) j.seconds = Math.round(500 + 5000 * rng.next()) / 1000;
        out.push(j);
      }
  // The store's order (judgment ids) is not the order pairs were judged in.
  for (let i = out.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [out[i], out[k]] = [out[k], out[i]];
  }
  return out;
}

/** What the database counts (lib/results/reductions.ts), counted here from the judgments. */
function reduce(judgments: Judgment[]): ReducedCriterion[] {
  const criteria = new Map<string, Judgment[]>();
  for (const j of judgments) criteria.set(j.criterion!, [...(criteria.get(j.criterion!) ?? []), j]);
  return [...criteria].map(([criterion, list]) => {
    const pairs = new Map<string, ReducedCriterion["pairs"][number]>();
    const groups = new Map<string, number[]>();
    for (const j of list) {
      const { pairId, promptId, category, challenge, modelA, modelB } = j;
      let p = pairs.get(pairId);
      if (!p)
        pairs.set(
          pairId,
          (p = {
            pair: { pairId, promptId, category, challenge, modelA, modelB, criterion },
            votes: [0, 0, 0, 0, 0, 0],
          }),
        );
      p.votes[2 * WINNERS.indexOf(j.winner) + (j.leftModel === modelA ? 0 : 1)]++;
      const g = groups.get(pairId) ?? [0, 0, 0];
      g[WINNERS.indexOf(j.winner)]++;
      groups.set(pairId, g);
    }
    return {
      criterion,
      pairs: [...pairs.values()],
      annotators: tallies(list, groups),
      ratings: list.map((j) => ({ item: j.pairId, rater: j.annotatorId!, label: j.winner })),
    };
  });
}

function tallies(list: Judgment[], groups: Map<string, number[]>): AnnotatorAnswers[] {
  const by = new Map<string, Judgment[]>();
  for (const j of list) by.set(j.annotatorId!, [...(by.get(j.annotatorId!) ?? []), j]);
  return [...by].map(([annotatorId, mine]) => {
    let compared = 0,
      agreed = 0;
    const loo = { items: 0, agreed: 0 };
    for (const j of mine) {
      const [a, b, t] = groups.get(j.pairId)!;
      const w = j.winner;
      const others = [a - +(w === "A"), b - +(w === "B"), t - +(w === "tie")];
      const m = others[0] + others[1] + others[2];
      if (m === 0) continue;
      compared++;
      if (majorityOfCounts(others[0], others[1], others[2]) === w) agreed++;
      // The leave-one-out items: enough others, more than half of them giving one answer.
      const strict = others.findIndex((n) => 2 * n > m);
      if (m < DEFAULT_CROWD_QUALITY_RULES.looMinOthers || strict < 0) continue;
      loo.items++;
      if (WINNERS[strict] === w) loo.agreed++;
    }
    return {
      annotatorId,
      judgments: mine.length,
      goldAnswered: 0,
      goldCorrect: 0,
      compared,
      agreed,
      loo,
      seconds: mine.flatMap((j) => (j.seconds === undefined ? [] : [j.seconds])),
      sides: mine.map((j) =>
        j.winner === "tie" ? "tie" : (j.winner === "A") === (j.leftModel === j.modelA) ? "left" : "right",
      ),
      recordedAt: [],
    };
  });
}

const json = (x: unknown) => JSON.stringify(x, null, 2);

describe("statistics from reduced counts", () => {
  const settings: CampaignStatsSettings[] = [
    { bootstrapRounds: 200 },
    { bootstrapRounds: 200, counting: "judgment", seed: 3 },
    { bootstrapRounds: 100, dawidSkene: true, level: 0.9 },
  ];
  for (const s of settings)
    it(`equal the statistics of the judgments, byte for byte (${JSON.stringify(s)})`, () => {
      const judgments = campaignJudgments(11);
      const fromJudgments = computeCampaignStats(judgments, s);
      const fromCounts = campaignStatsFromInputs(
        reduce(judgments).map((r) => criterionInputFromReduction(r, s)),
        s,
      );
      expect(fromJudgments.criteria).toHaveLength(2);
      expect(fromJudgments.criteria[0].headToHead.length).toBeGreaterThan(0);
      expect(json(fromCounts)).toBe(json(fromJudgments));
    });

  it("in two steps (the votes' figures first, the annotators added after) equal the statistics of the judgments", () => {
    const judgments = campaignJudgments(13);
    const s = { bootstrapRounds: 100 };
    const reduced = reduce(judgments);
    const addAnnotators = campaignStatsInTwoSteps(
      reduced.map((r) => ({ ...criterionVotesFromReduction(r, s), annotatorsOf: r.annotators })),
      s,
    );
    const twoSteps = addAnnotators((c) => criterionAnnotatorsFromAnswers(c.annotatorsOf));
    expect(twoSteps.criteria.every((c) => c.annotators > 0 && c.annotatorQuality.length === c.annotators)).toBe(true);
    expect(json(twoSteps)).toBe(json(computeCampaignStats(judgments, s)));
  });

  it("annotator quality from counted answers equals annotatorQuality over the judgments, signals included", () => {
    const judgments = campaignJudgments(5).filter((j) => j.criterion === "look");
    const [reduced] = reduce(judgments);
    const fromJudgments = annotatorQuality(judgments);
    expect(fromJudgments.some((q) => q.signals.looAgreement.items > 0)).toBe(true);
    expect(annotatorQualityFromAnswers(reduced.annotators)).toEqual(fromJudgments);
  });

  it("head-to-heads alone from counts equal computeHeadToHeads over the judgments", () => {
    const judgments = campaignJudgments(7);
    for (const s of [{ bootstrapRounds: 100 }, { bootstrapRounds: 100, counting: "judgment" as const }]) {
      const inputs = reduce(judgments).map((r) => headToHeadInputFromReduction(r, r.annotators.length, s));
      expect(json(headToHeadsFromInputs(inputs, s))).toBe(json(computeHeadToHeads(judgments, s)));
    }
  });

  it("head-to-heads in two steps (the bootstraps first, the annotator counts after) equal computeHeadToHeads", () => {
    const judgments = campaignJudgments(9);
    const s = { bootstrapRounds: 100 };
    const reduced = reduce(judgments);
    const addAnnotators = headToHeadsInTwoSteps(
      reduced.map((r) => ({ ...headToHeadVotesFromReduction(r, s), judges: r.annotators.length })),
      s,
    );
    expect(json(addAnnotators((c) => c.judges))).toBe(json(computeHeadToHeads(judgments, s)));
  });

  it("refuses Dawid–Skene without the ratings it needs", () => {
    const [reduced] = reduce(campaignJudgments(2));
    expect(() => criterionInputFromReduction({ ...reduced, ratings: undefined }, { dawidSkene: true })).toThrow(
      /needs the ratings/,
    );
  });
});
