import { DEFAULT_PRIOR_PRECISION } from "../bradley-terry";
import { leaderboardFromStrengths, type Leaderboard } from "../leaderboard";
import { drawClusterMultiplicity } from "../matchup-bootstrap";
import { buildMatchupStats } from "../matchups";
import { createRng } from "../rng";
import { breakRankings, type RankingLeaderboardOptions } from "./rank-breaking";
import { checkRankings, tieGroups, type RankingRecord } from "./rankings";

/**
 * Sufficient statistics of rankings for Plackett–Luce, per cluster (prompt), so a prompt
 * bootstrap only re-weights them. A ranking is a sequence of choices: the best item is chosen from
 * all, the next from the rest, …; a choice is (its choice set, the chosen item, a weight).
 * The log-likelihood needs only, per model, its weighted number of choices won (wins), and per
 * distinct choice set (a multiset of model indices: a model shown twice counts twice) the weighted
 * number of choices made from it.
 * Layout: sets[s] the model indices of choice set s; cluster c's entries are
 * setOffsets[c] … setOffsets[c+1]−1 of (setIndex, setWeight) and winOffsets[c] … of (winModel, winWeight).
 */
export interface PlackettLuceData {
  /** Model names, sorted (the same order as buildMatchupStats). */
  models: string[];
  /** Prompt ids in order of first appearance. */
  clusters: string[];
  sets: Int32Array[];
  setOffsets: Int32Array;
  setIndex: Int32Array;
  setWeight: Float64Array;
  winOffsets: Int32Array;
  winModel: Int32Array;
  winWeight: Float64Array;
}

/**
 * The choices of one ranking with ties, ties broken by averaging: the log-likelihood of a tied
 * ranking is the mean of the Plackett–Luce log-likelihoods of all its orderings that break the
 * ties. For a tie group G (t items, L = the items ranked below it) that mean is, exactly,
 *   Σ_{∅≠S⊆G} 1/C(t,|S|) · (1/|S|) Σ_{i∈S} ln(γᵢ / γ(S ∪ L)),
 * because in a uniformly random order of G the items not yet chosen form a uniformly random subset
 * S of each size and the next choice is uniform in S. So each S is one choice set S ∪ L with weight
 * 1/C(t,|S|), won by each member of S with an equal share. A ranking without ties gives the K − 1
 * usual choices; two tied items of a pair give ½ a win each — the Bradley–Terry tie-as-half rule.
 * Complexity: O(Σ_groups 2^t · K) ≤ O(2^6 · 6) per ranking.
 */
export function rankingChoices(ranks: readonly number[]): { set: number[]; weight: number; winners: number[] }[] {
  const groups = tieGroups(ranks);
  const out: { set: number[]; weight: number; winners: number[] }[] = [];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    const below = groups.slice(g + 1).flat();
    const t = group.length;
    for (let mask = 1; mask < 1 << t; mask++) {
      const S = group.filter((_, b) => mask & (1 << b));
      if (S.length === 1 && below.length === 0) continue; // the last item: a choice from one, ln 1 = 0
      out.push({ set: [...S, ...below], weight: 1 / binomial(t, S.length), winners: S });
    }
  }
  return out;
}

/**
 * Builds PlackettLuceData from rankings (checkRankings first). Complexity: O(R·2^6·K) for R rankings.
 */
export function buildPlackettLuceData(rankings: readonly RankingRecord[]): PlackettLuceData {
  checkRankings(rankings);
  const models = [...new Set(rankings.flatMap((r) => r.items.map((i) => i.model)))].sort();
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const clusterIndex = new Map<string, number>();
  const perCluster: { sets: Map<number, number>; wins: Map<number, number> }[] = [];
  const setKey = new Map<string, number>();
  const sets: Int32Array[] = [];
  for (const r of rankings) {
    let c = clusterIndex.get(r.promptId);
    if (c === undefined) {
      c = perCluster.length;
      clusterIndex.set(r.promptId, c);
      perCluster.push({ sets: new Map(), wins: new Map() });
    }
    const acc = perCluster[c];
    const idx = r.items.map((i) => modelIndex.get(i.model)!);
    for (const choice of rankingChoices(r.items.map((i) => i.rank))) {
      const members = choice.set.map((i) => idx[i]).sort((a, b) => a - b);
      const key = members.join(",");
      let s = setKey.get(key);
      if (s === undefined) {
        s = sets.length;
        setKey.set(key, s);
        sets.push(Int32Array.from(members));
      }
      acc.sets.set(s, (acc.sets.get(s) ?? 0) + choice.weight);
      const share = choice.weight / choice.winners.length;
      for (const w of choice.winners) acc.wins.set(idx[w], (acc.wins.get(idx[w]) ?? 0) + share);
    }
  }
  const flatten = (pick: (a: (typeof perCluster)[number]) => Map<number, number>) => {
    const offsets = new Int32Array(perCluster.length + 1);
    perCluster.forEach((a, c) => (offsets[c + 1] = offsets[c] + pick(a).size));
    const index = new Int32Array(offsets[perCluster.length]);
    const weight = new Float64Array(index.length);
    perCluster.forEach((a, c) => {
      let e = offsets[c];
      for (const [i, w] of pick(a)) {
        index[e] = i;
        weight[e++] = w;
      }
    });
    return { offsets, index, weight };
  };
  const s = flatten((a) => a.sets);
  const w = flatten((a) => a.wins);
  return {
    models,
    clusters: [...clusterIndex.keys()],
    sets,
    setOffsets: s.offsets,
    setIndex: s.index,
    setWeight: s.weight,
    winOffsets: w.offsets,
    winModel: w.index,
    winWeight: w.weight,
  };
}

/** Totals over clusters, each weighted by its multiplicity (a bootstrap resample) or 1. O(entries). */
export function plackettLuceTotals(
  data: PlackettLuceData,
  multiplicity?: ArrayLike<number>,
): { wins: Float64Array; setWeights: Float64Array } {
  const wins = new Float64Array(data.models.length);
  const setWeights = new Float64Array(data.sets.length);
  for (let c = 0; c < data.clusters.length; c++) {
    const m = multiplicity ? multiplicity[c] : 1;
    if (m === 0) continue;
    for (let e = data.setOffsets[c]; e < data.setOffsets[c + 1]; e++)
      setWeights[data.setIndex[e]] += m * data.setWeight[e];
    for (let e = data.winOffsets[c]; e < data.winOffsets[c + 1]; e++) wins[data.winModel[e]] += m * data.winWeight[e];
  }
  return { wins, setWeights };
}

/**
 * Log-likelihood of Plackett–Luce strengths θ (natural log) given the totals:
 *   ℓ(θ) = Σᵢ winsᵢ θᵢ − Σ_s w_s ln Σ_{j∈s} e^{θⱼ}
 * (without the prior). Complexity: O(Σ_s |s|).
 */
export function plackettLuceLogLikelihood(
  sets: readonly Int32Array[],
  totals: { wins: ArrayLike<number>; setWeights: ArrayLike<number> },
  theta: ArrayLike<number>,
): number {
  let f = 0;
  for (let i = 0; i < theta.length; i++) f += totals.wins[i] * theta[i];
  sets.forEach((s, k) => {
    const w = totals.setWeights[k];
    if (w === 0) return;
    let max = -Infinity;
    for (const j of s) max = Math.max(max, theta[j]);
    let z = 0;
    for (const j of s) z += Math.exp(theta[j] - max);
    f -= w * (max + Math.log(z));
  });
  return f;
}

export interface PlackettLuceFitOptions {
  /** Prior precision λ as in fitBradleyTerry (default DEFAULT_PRIOR_PRECISION); must be > 0. */
  priorPrecision?: number;
  init?: ArrayLike<number>;
  maxIterations?: number;
  tolerance?: number;
}

export interface PlackettLuceFit {
  /** Natural-log strengths, mean 0. */
  theta: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Plackett–Luce maximum a-posteriori strengths by Hunter's MM algorithm.
 * Model: a ranking is a sequence of choices, each item chosen from those left with probability
 * γᵢ / Σ_{j left} γⱼ, γ = e^θ (Luce's choice axiom); ties by averaging (rankingChoices).
 * Update (Hunter 2004, §5, eq. 30, with weights): γᵢ ← Wᵢ / Σ_{s∋i} w_s / γ(s), Wᵢ the weighted
 * choices i won, w_s the weighted choices made from set s; each step increases the likelihood.
 * Prior: every model also meets a "ghost" item of fixed strength 1 in ε = 2λ pseudo-comparisons won
 * and ε lost (Turner, van Etten, Firth & Kosmidis 2020, the PlackettLuce R package's pseudo-rankings),
 * i.e. a log-prior ε·ln σ(θᵢ) + ε·ln σ(−θᵢ) ≈ const − λθᵢ²/2 near 0: the same prior as
 * fitBradleyTerry, so every strength stays finite when a model always (or never) wins and the
 * graph may be disconnected. The pseudo-comparisons enter the MM update as pairs with the ghost.
 * The data part is scale-free (γ → cγ changes nothing), so after every MM step the common scale c is
 * set to its exact maximiser (Newton on ln c of Σᵢ (1 − cγᵢ)/(1 + cγᵢ) = 0) — another ascent step,
 * which removes MM's slow drift along the flat direction when ε is small.
 * Reference: Plackett (1975), Appl. Stat. 24:193; Luce (1959), Individual Choice Behavior;
 * Hunter (2004), "MM algorithms for generalized Bradley–Terry models", Ann. Stat. 32:384–406;
 * Turner et al. (2020), Comput. Stat. 35:1027–1057.
 * Complexity: O(I·(Σ_s |s| + K)) for I iterations (tens to a few hundred; warm starts fewer).
 */
export function fitPlackettLuce(
  sets: readonly Int32Array[],
  totals: { wins: ArrayLike<number>; setWeights: ArrayLike<number> },
  K: number,
  options: PlackettLuceFitOptions = {},
): PlackettLuceFit {
  const lambda = options.priorPrecision ?? DEFAULT_PRIOR_PRECISION;
  if (!(lambda > 0)) throw new RangeError("fitPlackettLuce: priorPrecision must be > 0");
  const eps = 2 * lambda;
  const maxIter = options.maxIterations ?? 10_000;
  const tol = options.tolerance ?? 1e-10;
  const gamma = new Float64Array(K).fill(1);
  if (options.init) for (let i = 0; i < K; i++) gamma[i] = Math.exp(options.init[i]);
  rescale(gamma);
  const denom = new Float64Array(K);
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIter && !converged; iterations++) {
    denom.fill(0);
    sets.forEach((s, k) => {
      const w = totals.setWeights[k];
      if (w === 0) return;
      let g = 0;
      for (const j of s) g += gamma[j];
      const share = w / g;
      for (const j of s) denom[j] += share;
    });
    let change = 0;
    for (let i = 0; i < K; i++) {
      const next = (totals.wins[i] + eps) / (denom[i] + (2 * eps) / (gamma[i] + 1));
      change = Math.max(change, Math.abs(Math.log(next / gamma[i])));
      gamma[i] = next;
    }
    change = Math.max(change, Math.abs(rescale(gamma)));
    converged = change < tol;
  }
  const theta = Float64Array.from(gamma, Math.log);
  const mean = theta.reduce((a, b) => a + b, 0) / K;
  for (let i = 0; i < K; i++) theta[i] -= mean;
  return { theta, iterations, converged };

  /** Multiplies γ by the c maximising the ghost terms Σ ε[ln cγᵢ − 2 ln(1 + cγᵢ)]; returns ln c. */
  function rescale(g: Float64Array): number {
    let u = 0;
    for (let i = 0; i < K; i++) u -= Math.log(g[i]) / K; // start at geometric mean 1
    for (let step = 0; step < 50; step++) {
      let f = 0,
        df = 0;
      for (let i = 0; i < K; i++) {
        const x = Math.exp(u) * g[i];
        f += (1 - x) / (1 + x);
        df -= (2 * x) / ((1 + x) * (1 + x));
      }
      const delta = f / df;
      u -= delta;
      if (Math.abs(delta) < 1e-14) break;
    }
    const c = Math.exp(u);
    for (let i = 0; i < K; i++) g[i] *= c;
    return u;
  }
}

/**
 * Plackett–Luce leaderboard of rankings: strengths by fitPlackettLuce, percentile intervals from the
 * prompt bootstrap (whole prompts with all their rankings resampled; each round's fit warm-started
 * from the full-data fit), on the Arena scale with interval-aware ranks per comparison component
 * (leaderboardFromStrengths; games, wins and ties there count the rank-broken pairs). The resamples
 * are those of rankBrokenLeaderboard for the same seed, so the two leaderboards can be compared.
 * Reference: see fitPlackettLuce and leaderboardFromReplicates.
 * Complexity: O(R·2^6·K + B·(k + E + I·Σ_s|s|)) for R rankings, B rounds, k prompts, E entries.
 */
export function plackettLuceLeaderboard(
  rankings: readonly RankingRecord[],
  options: RankingLeaderboardOptions,
): Leaderboard & { converged: boolean } {
  const priorPrecision = options.priorPrecision ?? DEFAULT_PRIOR_PRECISION;
  const data = buildPlackettLuceData(rankings);
  const stats = buildMatchupStats(breakRankings(rankings), "prompt");
  if (stats.clusters.join("\u0000") !== data.clusters.join("\u0000") || stats.models.join() !== data.models.join())
    throw new Error("plackettLuceLeaderboard: prompts or models out of step with the broken pairs");
  const K = data.models.length;
  const full = fitPlackettLuce(data.sets, plackettLuceTotals(data), K, { priorPrecision });
  const rng = createRng(options.seed);
  const multiplicity = new Int32Array(data.clusters.length);
  const strengths = new Float64Array(options.rounds * K);
  let converged = full.converged;
  for (let r = 0; r < options.rounds; r++) {
    drawClusterMultiplicity(rng, multiplicity);
    const fit = fitPlackettLuce(data.sets, plackettLuceTotals(data, multiplicity), K, {
      priorPrecision,
      init: full.theta,
    });
    converged &&= fit.converged;
    strengths.set(fit.theta, r * K);
  }
  const board = leaderboardFromStrengths(
    stats,
    full.theta,
    { rounds: options.rounds, strengths },
    { level: options.level, resample: "prompts", priorPrecision, rounds: options.rounds, anchor: options.anchor },
    "plackett-luce",
  );
  return { ...board, converged };
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}
