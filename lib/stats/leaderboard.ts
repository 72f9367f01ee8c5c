import { ARENA_BASE, ARENA_MEAN, ARENA_SCALE, fitBradleyTerry, toArenaRatings } from "./bradley-terry";
import { percentileInterval } from "./bca";
import type { MatchupReplicates } from "./matchup-bootstrap";
import { matchupTotals, pairIndexOf, winMatrix, type MatchupStats } from "./matchups";
import { intervalRanks } from "./ranks";

export interface LeaderboardOptions {
  level?: number;
  /** What the replicates resampled: 'prompts' whole prompts (votes on a prompt are correlated), 'judgments' each unit. */
  resample: "prompts" | "judgments";
  priorPrecision: number;
  rounds: number;
  /** Shift the scale so this model has this rating (instead of mean 1000). */
  anchor?: { model: string; rating: number };
}

export interface LeaderboardRow {
  model: string;
  rating: number;
  lower: number;
  upper: number;
  /** 1 + number of models whose lower bound exceeds this model's upper bound. */
  rank: number;
  games: number;
  wins: number;
  ties: number;
  losses: number;
}

export interface Leaderboard {
  method: "bradley-terry";
  base: number;
  scale: number;
  mean: number;
  anchor: { model: string; rating: number } | null;
  priorPrecision: number;
  resample: "prompts" | "judgments";
  rounds: number;
  level: number;
  /** Sorted by rating, highest first (ties in rating by name). */
  rows: LeaderboardRow[];
}

/**
 * Bradley–Terry leaderboard on the Chatbot Arena scale with bootstrap percentile intervals and
 * interval-aware ranks. Ties count half a win (see fitBradleyTerry). With an anchor, every
 * bootstrap round is re-anchored, so the anchor's interval has zero width and the others are
 * intervals relative to it.
 * Reference: Chiang et al. (2024), arXiv 2403.04132; Jiang et al. (2024), "GenAI Arena",
 * arXiv 2406.04485; Efron & Tibshirani (1993) ch. 13 (percentile interval).
 * Built from bootstrap replicates already computed (computeCampaignStats shares them with the
 * win-rate intervals).
 * Complexity: O(K·B log B + K²) for K models and B rounds (the replicates cost O(B·(k + E + I·K³))).
 */
export function leaderboardFromReplicates(
  stats: MatchupStats,
  replicates: MatchupReplicates,
  options: LeaderboardOptions,
): Leaderboard {
  const K = stats.models.length;
  const level = options.level ?? 0.95;
  const anchorIndex = options.anchor ? stats.models.indexOf(options.anchor.model) : -1;
  if (options.anchor && anchorIndex < 0) throw new Error(`anchor model "${options.anchor.model}" is not in the data`);
  const anchor = options.anchor ? { index: anchorIndex, rating: options.anchor.rating } : undefined;
  const totals = matchupTotals(stats);
  const theta = fitBradleyTerry(winMatrix(totals, K), K, { priorPrecision: options.priorPrecision });
  const ratings = toArenaRatings(theta, anchor);
  const B = replicates.rounds;
  const perModel = Array.from({ length: K }, () => new Float64Array(B));
  for (let r = 0; r < B; r++) {
    const rr = toArenaRatings(replicates.strengths.subarray(r * K, (r + 1) * K), anchor);
    for (let i = 0; i < K; i++) perModel[i][r] = rr[i];
  }
  const intervals = perModel.map((reps) => percentileInterval(reps, level));
  const ranks = intervalRanks(intervals);
  const rows = stats.models.map((model, i): LeaderboardRow => {
    let wins = 0,
      ties = 0,
      losses = 0;
    for (let j = 0; j < K; j++) {
      if (j === i) continue;
      const t = 3 * pairIndexOf(Math.min(i, j), Math.max(i, j), K);
      wins += i < j ? totals[t] : totals[t + 1];
      losses += i < j ? totals[t + 1] : totals[t];
      ties += totals[t + 2];
    }
    return {
      model,
      rating: ratings[i],
      lower: intervals[i].lower,
      upper: intervals[i].upper,
      rank: ranks[i],
      games: wins + ties + losses,
      wins,
      ties,
      losses,
    };
  });
  rows.sort((a, b) => b.rating - a.rating || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  return {
    method: "bradley-terry",
    base: ARENA_BASE,
    scale: ARENA_SCALE,
    mean: ARENA_MEAN,
    anchor: options.anchor ?? null,
    priorPrecision: options.priorPrecision,
    resample: options.resample,
    rounds: B,
    level,
    rows,
  };
}
