import { ARENA_BASE, ARENA_MEAN, ARENA_SCALE, fitBradleyTerry } from "./bradley-terry";
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
  /** 1 + number of models of the same component whose lower bound exceeds this model's upper bound. */
  rank: number;
  /** Index into Leaderboard.components: ratings and ranks compare only models of one component. */
  component: number;
  games: number;
  wins: number;
  ties: number;
  losses: number;
}

export interface Leaderboard {
  /** The model fitted: Bradley–Terry on pairwise outcomes (also rank-broken rankings), or Plackett–Luce on rankings. */
  method: "bradley-terry" | "plackett-luce";
  base: number;
  scale: number;
  mean: number;
  anchor: { model: string; rating: number } | null;
  priorPrecision: number;
  resample: "prompts" | "judgments";
  rounds: number;
  level: number;
  /**
   * The connected components of the comparison graph (models joined when they met), largest
   * first, models sorted. More than one: some models were never compared, directly or through
   * others, so their ratings cannot be compared — each component is rated (mean 1000, or the
   * anchor in its own component) and ranked apart.
   */
  components: string[][];
  /** By component, then rating, highest first (ties in rating by name). */
  rows: LeaderboardRow[];
}

/**
 * Connected components of the comparison graph: models are nodes, an edge joins two models with at
 * least one outcome between them. Largest first (then by first model name), models sorted.
 * Reference: union–find with path halving (Tarjan 1975, J. ACM 22:215).
 * Complexity: O(K² α(K)) for K models (every pair's totals are read once).
 */
export function comparisonComponents(totals: ArrayLike<number>, models: readonly string[]): string[][] {
  const K = models.length;
  const parent = Int32Array.from({ length: K }, (_, i) => i);
  const find = (i: number) => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < K; i++)
    for (let j = i + 1; j < K; j++) {
      const t = 3 * pairIndexOf(i, j, K);
      if (totals[t] + totals[t + 1] + totals[t + 2] > 0) parent[find(i)] = find(j);
    }
  const groups = new Map<number, string[]>();
  for (let i = 0; i < K; i++) {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(models[i]);
    groups.set(root, g);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
}

/**
 * Arena-scale ratings with every component centred on its own: rating = mean + scale·(θᵢ − θ̄_C)/ln(base)
 * for model i in component C, θ̄_C the mean strength of C; the anchor's component is shifted so the
 * anchor has its rating instead. The fit's prior already centres each component (fitBradleyTerry),
 * so this only matters for bootstrap resamples that split a component and for the anchor.
 * Complexity: O(K).
 */
function componentRatings(
  theta: ArrayLike<number>,
  componentOf: Int32Array,
  count: number,
  anchor?: { index: number; rating: number },
): Float64Array {
  const factor = ARENA_SCALE / Math.log(ARENA_BASE);
  const sum = new Float64Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < theta.length; i++) {
    sum[componentOf[i]] += theta[i];
    size[componentOf[i]]++;
  }
  const out = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++)
    out[i] = ARENA_MEAN + factor * (theta[i] - sum[componentOf[i]] / size[componentOf[i]]);
  if (anchor) {
    const shift = anchor.rating - out[anchor.index];
    for (let i = 0; i < out.length; i++) if (componentOf[i] === componentOf[anchor.index]) out[i] += shift;
  }
  return out;
}

/**
 * Bradley–Terry leaderboard on the Chatbot Arena scale with bootstrap percentile intervals and
 * interval-aware ranks. Ties count half a win (see fitBradleyTerry). With an anchor, every
 * bootstrap round is re-anchored, so the anchor's interval has zero width and the others are
 * intervals relative to it. A disconnected comparison graph (comparisonComponents) is rated and
 * ranked per component: ratings of models that were never compared, even indirectly, say nothing
 * about each other, so one ranking across them would be an artefact of the prior.
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
  const totals = matchupTotals(stats);
  const theta = fitBradleyTerry(winMatrix(totals, K), K, { priorPrecision: options.priorPrecision });
  return leaderboardFromStrengths(stats, theta, replicates, options, "bradley-terry");
}

/**
 * The leaderboard (see leaderboardFromReplicates) from strengths fitted elsewhere: θ (natural log,
 * any centring) for the full data and per bootstrap round, on the same resamples as `stats`'
 * clusters. Games, wins, ties and losses and the comparison components come from the pair totals of
 * `stats` (for rankings: the rank-broken pairs). Used by the Bradley–Terry and Plackett–Luce
 * leaderboards alike, so both have the same scale, intervals, ranks and components.
 * Complexity: O(K·B log B + K²) for K models and B rounds.
 */
export function leaderboardFromStrengths(
  stats: MatchupStats,
  theta: ArrayLike<number>,
  replicates: Pick<MatchupReplicates, "rounds" | "strengths">,
  options: LeaderboardOptions,
  method: Leaderboard["method"],
): Leaderboard {
  const K = stats.models.length;
  const level = options.level ?? 0.95;
  const anchorIndex = options.anchor ? stats.models.indexOf(options.anchor.model) : -1;
  if (options.anchor && anchorIndex < 0) throw new Error(`anchor model "${options.anchor.model}" is not in the data`);
  const anchor = options.anchor ? { index: anchorIndex, rating: options.anchor.rating } : undefined;
  const totals = matchupTotals(stats);
  const components = comparisonComponents(totals, stats.models);
  const componentOf = new Int32Array(K);
  components.forEach((g, c) => g.forEach((m) => (componentOf[stats.models.indexOf(m)] = c)));
  const ratings = componentRatings(theta, componentOf, components.length, anchor);
  const B = replicates.rounds;
  const perModel = Array.from({ length: K }, () => new Float64Array(B));
  for (let r = 0; r < B; r++) {
    const rr = componentRatings(
      replicates.strengths.subarray(r * K, (r + 1) * K),
      componentOf,
      components.length,
      anchor,
    );
    for (let i = 0; i < K; i++) perModel[i][r] = rr[i];
  }
  const intervals = perModel.map((reps) => percentileInterval(reps, level));
  // Ranks within each component.
  const ranks = new Array<number>(K);
  for (let c = 0; c < components.length; c++) {
    const members = [...Array(K).keys()].filter((i) => componentOf[i] === c);
    intervalRanks(members.map((i) => intervals[i])).forEach((rank, n) => (ranks[members[n]] = rank));
  }
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
      component: componentOf[i],
      games: wins + ties + losses,
      wins,
      ties,
      losses,
    };
  });
  rows.sort(
    (a, b) => a.component - b.component || b.rating - a.rating || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0),
  );
  return {
    method,
    base: ARENA_BASE,
    scale: ARENA_SCALE,
    mean: ARENA_MEAN,
    anchor: options.anchor ?? null,
    priorPrecision: options.priorPrecision,
    resample: options.resample,
    rounds: B,
    level,
    components,
    rows,
  };
}
