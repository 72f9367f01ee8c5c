import { fitBradleyTerry } from "../bradley-terry";
import type { BettingOptions } from "./betting";
import { winRateConfidenceSequence, type ConfidenceSequence } from "./win-rate-sequence";

/** One model pair's per-prompt outcomes: a's score against b (win 1, tie ½, loss 0, a prompt's judgments averaged), in completion order. */
export interface PairOutcomes {
  a: number;
  b: number;
  outcomes: readonly number[];
}

/** A pair's sequence, oriented so that `a` is the model currently ranked higher. */
export interface PairSequence {
  a: number;
  b: number;
  /** Sequence for P(a beats b) at level α / (K(K−1)/2). */
  cs: ConfidenceSequence;
  /** The same on the Bradley–Terry scale: bounds for θ_a − θ_b = logit(win rate) (±Infinity at 0 / 1). */
  differenceLower: number;
  differenceUpper: number;
  /** True when the sequence excludes ½, i.e. the order of a and b is settled. */
  resolved: boolean;
}

export interface LeaderboardSequences {
  /** Bradley–Terry strengths (natural log, Σθ = 0) fitted on all outcomes. */
  strengths: Float64Array;
  /** Model indices, best first. */
  order: number[];
  /** rank[i] = position of model i in `order` (0 = best). */
  rank: number[];
  /** Every one of the K(K−1)/2 pairs (pairs without data have the trivial sequence [0, 1]). */
  pairs: PairSequence[];
  /** The K − 1 adjacent pairs of the current order, best first. */
  adjacent: PairSequence[];
  /** α per pair after the union bound. */
  pairAlpha: number;
}

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Anytime-valid sequences for the order of a K-model leaderboard.
 * Definition: for every pair (i, j) the head-to-head per-prompt outcomes get a betting confidence
 * sequence (winRateConfidenceSequence) at level α' = α / (K(K−1)/2). Under the Bradley–Terry model
 * with ties as half a win, the mean score of i against j is σ(θᵢ − θⱼ), so the logit of the
 * bounds bounds θᵢ − θⱼ. The union bound makes all K(K−1)/2 sequences hold simultaneously at all
 * times with probability ≥ 1 − α, so whichever pairs are adjacent in the (data-dependent) current
 * order — the ones that decide the ranking — are covered too, and a pair stays valid when the
 * assignment engine serves it adaptively (its outcomes are observed at predictable times). Only
 * direct comparisons inform a pair's sequence; the order itself comes from the Bradley–Terry fit on
 * all outcomes (lib/stats/bradley-terry.ts, one game per prompt).
 * Reference: Waudby-Smith & Ramdas (2023), JRSS-B; Bradley & Terry (1952), Biometrika 39:324–345;
 * Bonferroni union bound. Complexity: O(T·(G + 2B) + K³) for T outcomes in all (see
 * winRateConfidenceSequence) plus the fit.
 */
export function leaderboardSequences(
  K: number,
  pairs: readonly PairOutcomes[],
  options: BettingOptions = {},
): LeaderboardSequences {
  if (!(Number.isInteger(K) && K >= 2)) throw new RangeError(`K must be an integer ≥ 2, got ${K}`);
  const alpha = options.alpha ?? 0.05;
  const pairAlpha = alpha / ((K * (K - 1)) / 2);
  const outcomesOf = new Map<number, number[]>();
  const wins = new Float64Array(K * K);
  pairs.forEach((p, index) => {
    if (!(Number.isInteger(p.a) && Number.isInteger(p.b) && p.a >= 0 && p.b >= 0 && p.a < K && p.b < K && p.a !== p.b))
      throw new RangeError(`pairs[${index}]: a and b must be distinct model indices in [0, ${K})`);
    const [lo, hi] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    const key = lo * K + hi;
    const list = outcomesOf.get(key) ?? [];
    for (const x of p.outcomes) {
      const xa = p.a === lo ? x : 1 - x; // oriented as lo's score
      list.push(xa);
      wins[lo * K + hi] += xa;
      wins[hi * K + lo] += 1 - xa;
    }
    outcomesOf.set(key, list);
  });
  const strengths = fitBradleyTerry(wins, K);
  const order = Array.from({ length: K }, (_, i) => i).sort((x, y) => strengths[y] - strengths[x] || x - y);
  const rank = new Array<number>(K);
  order.forEach((model, r) => (rank[model] = r));
  const bySeat = new Map<number, PairSequence>();
  const all: PairSequence[] = [];
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) {
      const raw = outcomesOf.get(i * K + j) ?? [];
      const [a, b] = rank[i] < rank[j] ? [i, j] : [j, i];
      const oriented = a === i ? raw : raw.map((x) => 1 - x);
      const cs = winRateConfidenceSequence(oriented, { ...options, alpha: pairAlpha });
      const seq: PairSequence = {
        a,
        b,
        cs,
        differenceLower: cs.lower <= 0 ? -Infinity : logit(cs.lower),
        differenceUpper: cs.upper >= 1 ? Infinity : logit(cs.upper),
        resolved: cs.lower > 0.5 || cs.upper < 0.5,
      };
      all.push(seq);
      bySeat.set(rank[a] * K + rank[b], seq);
    }
  const adjacent = order.slice(1).map((_, r) => bySeat.get(r * K + r + 1)!);
  return { strengths, order, rank, pairs: all, adjacent, pairAlpha };
}

export interface PairPriorityInput {
  /** Prompts compared so far on this pair. */
  n: number;
  /** The pair's confidence sequence bounds for P(a beats b). */
  lower: number;
  upper: number;
  /** |rank(a) − rank(b)| in the current order (1 = adjacent). */
  rankDistance: number;
  /** Extra weight (e.g. 2 for pairs touching the top-k the researcher cares most about). Default 1. */
  weight?: number;
}

/**
 * Allocation score of one model pair: the expected reduction of ranking uncertainty from one more
 * prompt on it. Uncertainty of a pair = width of its sequence while the sequence still contains ½
 * (0 once its order is settled: a decided pair stops receiving judgments). One more prompt shrinks
 * the width by about w·(1 − √(n/(n+1))) (widths fall like 1/√n up to log factors). The order of the
 * leaderboard is decided by adjacent ranks, so the reduction is weighted by 1/d² for rank distance d.
 *   priority = weight · 1[lower ≤ ½ ≤ upper] · (upper − lower) · (1 − √(n/(n+1))) / d².
 * A pair never compared scores weight / d² (the maximum). The assignment engine serves the pair with
 * the highest score (ties broken at random), keeping its own balance and coverage rules.
 * Reference: the idea of sampling the unresolved adjacent pairs is that of active ranking by
 * confidence bounds (Heckel et al. 2019, "Active ranking from pairwise comparisons and when
 * parametric assumptions do not help", Ann. Stat. 47(6)). Complexity: O(1).
 */
export function pairPriority(input: PairPriorityInput): number {
  const { n, lower, upper, rankDistance, weight = 1 } = input;
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(lower >= 0 && upper <= 1 && lower <= upper)) throw new RangeError(`need 0 ≤ lower ≤ upper ≤ 1`);
  if (!(rankDistance >= 1)) throw new RangeError(`rankDistance must be ≥ 1, got ${rankDistance}`);
  if (!(weight >= 0)) throw new RangeError(`weight must be ≥ 0, got ${weight}`);
  if (lower > 0.5 || upper < 0.5) return 0;
  const shrink = 1 - Math.sqrt(n / (n + 1));
  return (weight * (upper - lower) * shrink) / (rankDistance * rankDistance);
}

/**
 * pairPriority for every pair of a LeaderboardSequences, highest first (ties: lower ranks first).
 * `topK` with `topWeight` weights the pairs touching the top k ranks. O(K² log K).
 */
export function pairPriorities(
  board: LeaderboardSequences,
  options: { topK?: number; topWeight?: number } = {},
): { a: number; b: number; priority: number }[] {
  const { topK = 0, topWeight = 1 } = options;
  return board.pairs
    .map((p) => {
      const ra = board.rank[p.a],
        rb = board.rank[p.b];
      const priority = pairPriority({
        n: p.cs.n,
        lower: p.cs.lower,
        upper: p.cs.upper,
        rankDistance: Math.abs(ra - rb),
        weight: Math.min(ra, rb) < topK ? topWeight : 1,
      });
      return { a: p.a, b: p.b, priority, seat: Math.min(ra, rb) };
    })
    .sort((x, y) => y.priority - x.priority || x.seat - y.seat)
    .map(({ a, b, priority }) => ({ a, b, priority }));
}
