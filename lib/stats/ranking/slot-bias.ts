import { groupBy } from "../../group-by";
import { chiSquareSurvival } from "../special";
import { wilsonInterval } from "../wilson";
import type { Interval } from "../types";
import { checkRankings, midRanks, tieGroups, type RankingRecord } from "./rankings";

export interface SlotShare {
  /** 1-based display slot (1 = first / leftmost). */
  slot: number;
  /** Rankings that put this slot's image first; a tie for first gives each of the t tied slots 1/t. */
  firsts: number;
  /** firsts / rankings; 1/K without position bias. */
  firstShare: number;
  interval: Interval;
  /** Mean mid-rank of the slot's image ((K + 1)/2 without bias). */
  meanRank: number;
}

export interface SlotBias {
  /** K: the number of images per ranking (slot shares are only comparable at one K). */
  items: number;
  rankings: number;
  expectedShare: number;
  slots: SlotShare[];
  /** Pearson's χ² of the first places per slot against n/K each, K − 1 degrees of freedom. */
  chiSquare: number;
  df: number;
  pValue: number;
}

/**
 * Position bias of rankings: how often the image in each display slot is ranked first. Photogenic
 * shuffles the images into slots per task, so without a bias every slot wins 1/K of the rankings
 * whatever the models; a share away from 1/K measures the annotators' preference for a slot.
 * Definition: per K (2–6) separately, firsts_s = Σ_rankings [slot s ranked first] (ties for first
 * share the ranking), share with a Wilson interval, mean mid-rank per slot; test: Pearson's
 * χ² = Σ_s (firsts_s − n/K)² / (n/K) on K − 1 df (an approximation with fractional tie counts and
 * when n/K < 5). Rankings are taken as independent: with slots randomised per task this holds under
 * the null hypothesis of no slot preference.
 * Reference: Pearson (1900), Phil. Mag. 50:157 (goodness of fit); Wilson (1927), JASA 22:209;
 * Zheng et al. (2023), arXiv 2306.05685, §3.3 (position bias).
 * Complexity: O(Σ K log K).
 */
export function slotBias(rankings: readonly RankingRecord[], level = 0.95): SlotBias[] {
  checkRankings(rankings);
  const byK = groupBy(rankings, (r) => r.items.length);
  return [...byK.keys()]
    .sort((a, b) => a - b)
    .map((K) => {
      const group = byK.get(K)!;
      const n = group.length;
      const firsts = new Float64Array(K);
      const rankSum = new Float64Array(K);
      for (const r of group) {
        const ranks = r.items.map((i) => i.rank);
        const top = tieGroups(ranks)[0];
        for (const s of top) firsts[s] += 1 / top.length;
        midRanks(ranks).forEach((x, s) => (rankSum[s] += x));
      }
      const expected = n / K;
      let chiSquare = 0;
      for (const f of firsts) chiSquare += (f - expected) ** 2 / expected;
      return {
        items: K,
        rankings: n,
        expectedShare: 1 / K,
        slots: [...firsts].map((f, s) => ({
          slot: s + 1,
          firsts: f,
          firstShare: f / n,
          interval: wilsonInterval(f, n, level),
          meanRank: rankSum[s] / n,
        })),
        chiSquare,
        df: K - 1,
        pValue: chiSquareSurvival(chiSquare, K - 1),
      };
    });
}
