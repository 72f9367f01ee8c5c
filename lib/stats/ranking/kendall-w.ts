import { breakdown } from "../breakdown";
import { chiSquareSurvival } from "../special";
import { checkRankings, midRanks, type RankingRecord } from "./rankings";

export interface KendallW {
  /** m: rankings (raters). */
  raters: number;
  /** n: items ranked. */
  items: number;
  /** S = Σⱼ (Rⱼ − m(n + 1)/2)², Rⱼ the rank sum of item j. */
  S: number;
  /** Σ over raters and tie groups of (t³ − t). */
  ties: number;
  /** Coefficient of concordance, tie-corrected; null when undefined (every rater tied everything). */
  W: number | null;
  /** m(n − 1)W, approximately χ² with n − 1 degrees of freedom under no agreement. */
  chiSquare: number | null;
  df: number;
  pValue: number | null;
}

/**
 * Kendall's coefficient of concordance W of m raters ranking the same n items, ties corrected.
 * Definition: each rater's scores become mid-ranks (lower score = better; ties share the mean of
 * their places); Rⱼ = Σ_raters rank of item j, S = Σⱼ (Rⱼ − m(n + 1)/2)²,
 *   W = 12 S / (m²(n³ − n) − m Σ T),  Σ T = Σ_{raters} Σ_{tie groups} (t³ − t),
 * χ² = m(n − 1)W on n − 1 degrees of freedom — which is Friedman's test statistic with its tie
 * correction, so the p-value is Friedman's (large-sample; exact tables for m, n small).
 * 0 means no agreement beyond chance, 1 that every rater gave the same order.
 * Reference: Kendall & Babington Smith (1939), Ann. Math. Stat. 10:275–287; Siegel & Castellan
 * (1988), Nonparametric Statistics for the Behavioral Sciences, 2nd ed., §9.4, eq. 9.16 (ties);
 * Friedman (1937), JASA 32:675 (test); checked against R's friedman.test on Hollander & Wolfe's
 * RoundingTimes (χ² = 11.143, p = 0.003805).
 * Complexity: O(m·n log n).
 */
export function kendallW(scores: readonly (readonly number[])[]): KendallW {
  const m = scores.length;
  const n = m > 0 ? scores[0].length : 0;
  if (m < 2 || n < 2) throw new RangeError(`kendallW: needs at least 2 raters and 2 items, got ${m} × ${n}`);
  const R = new Float64Array(n);
  let ties = 0;
  scores.forEach((row, r) => {
    if (row.length !== n) throw new RangeError(`kendallW: rater ${r + 1} ranked ${row.length} items, expected ${n}`);
    if (!row.every(Number.isFinite)) throw new RangeError(`kendallW: rater ${r + 1} has a rank that is not a number`);
    const ranks = midRanks(row);
    ranks.forEach((x, j) => (R[j] += x));
    const counts = new Map<number, number>();
    for (const x of ranks) counts.set(x, (counts.get(x) ?? 0) + 1);
    for (const t of counts.values()) ties += t ** 3 - t;
  });
  const centre = (m * (n + 1)) / 2;
  let S = 0;
  for (const x of R) S += (x - centre) ** 2;
  const denom = m * m * (n ** 3 - n) - m * ties;
  const W = denom > 0 ? (12 * S) / denom : null;
  const chiSquare = W === null ? null : m * (n - 1) * W;
  return {
    raters: m,
    items: n,
    S,
    ties,
    W,
    chiSquare,
    df: n - 1,
    pValue: chiSquare === null ? null : chiSquareSurvival(chiSquare, n - 1),
  };
}

export interface TaskConcordance extends KendallW {
  promptId: string;
  /** The images (or models, without image ids) ranked, sorted: what makes rankings comparable. */
  task: string;
}

export interface RankingConcordance {
  /** Tasks (the same images of one prompt) ranked by at least two annotators. */
  tasks: TaskConcordance[];
  /** Mean W over those tasks; null when there is none. */
  meanW: number | null;
  /**
   * Σ χ² on Σ df over the tasks: under no agreement anywhere the tasks are independent, so the
   * sum is χ² on the summed degrees of freedom. null without a task.
   */
  pooled: { chiSquare: number; df: number; pValue: number } | null;
}

/**
 * Agreement among annotators who ranked the same images: Kendall's W per task (the images of one
 * prompt, identified by image id, or by model when a ranking has no image ids), its mean, and a
 * pooled test. Rankings of a task that several annotators ranked are aligned by image; a task
 * ranked once says nothing about agreement and is left out.
 * Reference: see kendallW; Fisher (1925) §21 (sum of independent χ²). Complexity: O(Σ K log K).
 */
export function rankingConcordance(rankings: readonly RankingRecord[]): RankingConcordance {
  checkRankings(rankings);
  const idOf = (item: RankingRecord["items"][number]) => item.imageId ?? item.model;
  const taskOf = (r: RankingRecord) => `${r.promptId}\u0000${r.items.map(idOf).sort().join("\u0000")}`;
  const tasks: TaskConcordance[] = breakdown(rankings, taskOf, (group) => group)
    .filter(({ result }) => result.length >= 2)
    .map(({ result }) => {
      const order = result[0].items.map(idOf).sort();
      const scores = result.map((r) => {
        const rankOf = new Map(r.items.map((i) => [idOf(i), i.rank]));
        return order.map((id) => rankOf.get(id)!);
      });
      return { promptId: result[0].promptId, task: order.join(", "), ...kendallW(scores) };
    });
  const defined = tasks.filter((t) => t.W !== null);
  if (defined.length === 0) return { tasks, meanW: null, pooled: null };
  const chiSquare = defined.reduce((s, t) => s + t.chiSquare!, 0);
  const df = defined.reduce((s, t) => s + t.df, 0);
  return {
    tasks,
    meanW: defined.reduce((s, t) => s + t.W!, 0) / defined.length,
    pooled: { chiSquare, df, pValue: chiSquareSurvival(chiSquare, df) },
  };
}
