import { binomialTestTwoSided } from "./binomial-test";
import { summariseReplicates, type BootstrapResult } from "./cluster-bootstrap";
import type { MatchupReplicates } from "./matchup-bootstrap";
import { pairIndexOf, type MatchupStats } from "./matchups";
import { planSampleSize, type Plan } from "./planning";
import { MIN_BOOTSTRAP_PROMPTS, wilsonInterval, wilsonOverPrompts } from "./wilson";
import { winRates } from "./win-rates";
import type { Interval, OutcomeCounts } from "./types";

export interface RateWithIntervals {
  estimate: number;
  /** Wilson score interval, treating outcomes as independent. */
  wilson: Interval;
  /**
   * Prompt (cluster) bootstrap: the default interval of reports. null when the two models met on
   * fewer than MIN_BOOTSTRAP_PROMPTS prompts (see HeadToHead.smallSample).
   */
  bootstrap: BootstrapResult | null;
  /**
   * Wilson over prompts (wilsonOverPrompts: each prompt one observation), given in place of the
   * bootstrap when the two models met on fewer than MIN_BOOTSTRAP_PROMPTS prompts; null otherwise.
   */
  wilsonPrompts: Interval | null;
}

/**
 * Set when the two models met on too few prompts for a prompt bootstrap: the rates then carry
 * wilsonPrompts instead of bootstrap, and every view shows that interval, flagged.
 */
export interface SmallSample {
  prompts: number;
  minimumPrompts: number;
  method: "wilson-over-prompts";
}

export interface HeadToHead {
  model: string;
  opponent: string;
  counts: OutcomeCounts;
  /** Prompts on which the two models met. */
  prompts: number;
  winShare: RateWithIntervals;
  tieShare: number;
  lossShare: number;
  winRateTiesHalf: RateWithIntervals;
  /** null when every outcome was a tie. */
  winRateTiesExcluded: RateWithIntervals | null;
  /** Exact two-sided sign test of wins against losses (ties left out). */
  signTest: { wins: number; losses: number; pValue: number };
  plan: Plan | null;
  /** null when the bootstrap intervals are given; see SmallSample. */
  smallSample: SmallSample | null;
}

/**
 * Everything reported for one pair of models, from the shared matchup bootstrap.
 * Rates: see winRates; Wilson: wilsonInterval (ties-half uses x = W + T/2); bootstrap: the pair's
 * replicate totals with the leave-one-prompt-out jackknife for BCa (summariseReplicates) — below
 * MIN_BOOTSTRAP_PROMPTS prompts Wilson over prompts (wilsonOverPrompts) instead;
 * sign test: binomialTestTwoSided(W, W + L); plan: planSampleSize at `targetHalfWidth`.
 * Reference: see the functions named above.
 * Complexity: O(B log B + k + E) for B rounds, k prompts, E (prompt, pair) entries.
 */
export function headToHead(
  stats: MatchupStats,
  replicates: MatchupReplicates,
  model: string,
  opponent: string,
  options: { level: number; targetHalfWidth: number },
): HeadToHead | null {
  const K = stats.models.length;
  const a = stats.models.indexOf(model);
  const b = stats.models.indexOf(opponent);
  if (a < 0 || b < 0 || a === b) return null;
  const p = pairIndexOf(Math.min(a, b), Math.max(a, b), K);
  // Offsets of "my wins" and "my losses" inside a pair's (lower, higher, ties) triple.
  const mine = a < b ? 0 : 1;
  const theirs = 1 - mine;
  const k = stats.clusters.length;
  const perCluster = { w: new Float64Array(k), t: new Float64Array(k), l: new Float64Array(k) };
  let prompts = 0;
  for (let c = 0; c < k; c++) {
    for (let e = stats.offsets[c]; e < stats.offsets[c + 1]; e++) {
      if (stats.pairIndex[e] !== p) continue;
      perCluster.w[c] = stats.counts[3 * e + mine];
      perCluster.l[c] = stats.counts[3 * e + theirs];
      perCluster.t[c] = stats.counts[3 * e + 2];
      prompts++;
    }
  }
  const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
  const W = sum(perCluster.w),
    T = sum(perCluster.t),
    L = sum(perCluster.l);
  const N = W + T + L;
  if (N === 0) return null;
  const counts = { win: W, tie: T, loss: L, total: N };
  const rates = winRates(counts);
  const { level } = options;
  const B = replicates.rounds;
  const stride = (3 * K * (K - 1)) / 2;

  // A ratio statistic: num/den per resample, per leave-one-out, and in full.
  const small = prompts < MIN_BOOTSTRAP_PROMPTS;
  const ratio = (
    num: (w: number, t: number, l: number) => number,
    den: (w: number, t: number, l: number) => number,
  ): BootstrapResult | null => {
    if (small) return null;
    const reps = new Float64Array(B);
    for (let r = 0; r < B; r++) {
      const o = r * stride + 3 * p;
      const w = replicates.totals[o + mine],
        l = replicates.totals[o + theirs],
        t = replicates.totals[o + 2];
      const d = den(w, t, l);
      reps[r] = d > 0 ? num(w, t, l) / d : NaN;
    }
    const full = num(W, T, L) / den(W, T, L);
    const jack = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const w = W - perCluster.w[c],
        t = T - perCluster.t[c],
        l = L - perCluster.l[c];
      const d = den(w, t, l);
      jack[c] = d > 0 ? num(w, t, l) / d : NaN;
    }
    return summariseReplicates(full, reps, jack, level);
  };
  const all = (w: number, t: number, l: number) => w + t + l;
  // Wilson over the prompts where the statistic is defined (den > 0), only for small groups.
  const overPrompts = (score: number, den: (w: number, t: number, l: number) => number) => {
    if (!small) return null;
    let defined = 0;
    for (let c = 0; c < k; c++) if (den(perCluster.w[c], perCluster.t[c], perCluster.l[c]) > 0) defined++;
    return wilsonOverPrompts(score, den(W, T, L), defined, level);
  };
  const halfScore = (w: number, t: number) => w + t / 2;
  // Planning looks only at the prompts where the two models met.
  const met = [...Array(k).keys()].filter((c) => perCluster.w[c] + perCluster.t[c] + perCluster.l[c] > 0);
  const plan = planSampleSize(
    {
      units: met.map((c) => perCluster.w[c] + perCluster.t[c] + perCluster.l[c]),
      scoreSum: met.map((c) => perCluster.w[c] + perCluster.t[c] / 2),
      scoreSquares: met.map((c) => perCluster.w[c] + perCluster.t[c] / 4),
    },
    options.targetHalfWidth,
    level,
  );
  return {
    model,
    opponent,
    counts,
    prompts,
    winShare: {
      estimate: rates.winShare,
      wilson: wilsonInterval(W, N, level),
      bootstrap: ratio((w) => w, all),
      wilsonPrompts: overPrompts(W, all),
    },
    tieShare: rates.tieShare,
    lossShare: rates.lossShare,
    winRateTiesHalf: {
      estimate: rates.winRateTiesHalf,
      wilson: wilsonInterval(W + T / 2, N, level),
      bootstrap: ratio(halfScore, all),
      wilsonPrompts: overPrompts(W + T / 2, all),
    },
    winRateTiesExcluded:
      rates.winRateTiesExcluded === null
        ? null
        : {
            estimate: rates.winRateTiesExcluded,
            wilson: wilsonInterval(W, W + L, level),
            bootstrap: ratio(
              (w) => w,
              (w, _t, l) => w + l,
            ),
            wilsonPrompts: overPrompts(W, (w, _t, l) => w + l),
          },
    signTest: { wins: W, losses: L, pValue: binomialTestTwoSided(W, W + L) },
    plan,
    smallSample: small ? { prompts, minimumPrompts: MIN_BOOTSTRAP_PROMPTS, method: "wilson-over-prompts" } : null,
  };
}
