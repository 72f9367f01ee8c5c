import { DEFAULT_PRIOR_PRECISION, fitBradleyTerry } from "./bradley-terry";
import { matchupTotals, winMatrix, type MatchupStats } from "./matchups";
import { createRng, type Rng } from "./rng";

/**
 * Calls `visit` once per bootstrap round with the pair totals of a resample of the clusters
 * (k clusters drawn with replacement from k). The totals array is reused between rounds.
 * Reference: Davison & Hinkley (1997), §3.8 (resampling clusters).
 * Complexity: O(B·(k + E)) for B rounds, k clusters and E (cluster, pair) entries — independent
 * of the number of judgments, which only enters once, in buildMatchupStats.
 * Deterministic for a given seed.
 */
export function resampleMatchups(
  stats: MatchupStats,
  rounds: number,
  seed: number,
  visit: (totals: Float64Array, round: number) => void,
): void {
  const k = stats.clusters.length;
  const K = stats.models.length;
  const rng = createRng(seed);
  const multiplicity = new Int32Array(k);
  const totals = new Float64Array((3 * K * (K - 1)) / 2);
  for (let r = 0; r < rounds; r++) {
    drawClusterMultiplicity(rng, multiplicity);
    matchupTotals(stats, multiplicity, totals);
    visit(totals, r);
  }
}

/**
 * One cluster-bootstrap resample as multiplicities: k draws with replacement from k clusters,
 * multiplicity[c] = how often cluster c was drawn (Σ = k). Every prompt bootstrap over sufficient
 * statistics draws its resamples with this, so one seed gives the same resamples everywhere.
 * Reference: Davison & Hinkley (1997), §3.8. Complexity: O(k) (Rng.tally: k draws of int(k)).
 */
export function drawClusterMultiplicity(rng: Rng, multiplicity: Int32Array): void {
  rng.tally(multiplicity);
}

export interface MatchupReplicates {
  rounds: number;
  /** totals[r·3P + 3p + {0,1,2}]: wins lower, wins higher, ties of pair p in round r. */
  totals: Float64Array;
  /** strengths[r·K + i]: Bradley–Terry θᵢ (natural log, mean 0) in round r; empty when not fitted. */
  strengths: Float64Array;
}

/**
 * Bootstrap replicates of every pair's totals and, optionally, of the Bradley–Terry strengths,
 * from one shared resample per round (so win rates and the leaderboard describe the same
 * resamples). Each fit is warm-started from the full-data fit, which typically needs 2–4 Newton
 * steps instead of ~8.
 * Complexity: O(B·(k + E + I·K³)) time and O(B·(P + K)) memory, P = K(K−1)/2 pairs.
 */
export function bootstrapMatchups(
  stats: MatchupStats,
  options: { rounds: number; seed: number; bradleyTerry?: boolean; priorPrecision?: number },
): MatchupReplicates {
  const K = stats.models.length;
  const P = (K * (K - 1)) / 2;
  const { rounds, seed, bradleyTerry = true, priorPrecision = DEFAULT_PRIOR_PRECISION } = options;
  const totalsOut = new Float64Array(rounds * 3 * P);
  const strengths = new Float64Array(bradleyTerry ? rounds * K : 0);
  const init = bradleyTerry ? fitBradleyTerry(winMatrix(matchupTotals(stats), K), K, { priorPrecision }) : undefined;
  const wins = new Float64Array(K * K);
  resampleMatchups(stats, rounds, seed, (totals, r) => {
    totalsOut.set(totals, r * 3 * P);
    if (init) strengths.set(fitBradleyTerry(winMatrix(totals, K, wins), K, { priorPrecision, init }), r * K);
  });
  return { rounds, totals: totalsOut, strengths };
}
