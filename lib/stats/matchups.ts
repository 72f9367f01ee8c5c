import type { Judgment } from "./types";

/**
 * Sufficient statistics of a set of outcome units for win rates and Bradley–Terry: for every
 * cluster (prompt) and every unordered model pair (i < j) that met on it, the wins of i, the
 * wins of j and the ties. Every bootstrap over prompts only needs these, which is what makes
 * 1,000 rounds over a million judgments fast (docs/BENCHMARKS.md).
 * Layout: compressed rows by cluster — entries offsets[c] … offsets[c+1]−1 belong to cluster c;
 * entry e is pair pairIndex[e] with counts[3e] = wins of the lower-index model,
 * counts[3e+1] = wins of the higher-index model, counts[3e+2] = ties.
 */
export interface MatchupStats {
  /** Model names, sorted; model indices refer to this order. */
  models: string[];
  /** Cluster ids in order of first appearance. */
  clusters: string[];
  offsets: Int32Array;
  pairIndex: Int32Array;
  counts: Float64Array;
}

/** Index of the unordered pair (i < j) among the K(K−1)/2 pairs, row by row. O(1). */
export function pairIndexOf(i: number, j: number, K: number): number {
  return i * K - (i * (i + 1)) / 2 + (j - i - 1);
}

/** The models (lower, higher index) of pair index p; inverse of pairIndexOf. O(K). */
export function pairModels(p: number, K: number): [number, number] {
  let i = 0;
  let start = 0;
  while (p >= start + (K - i - 1)) {
    start += K - i - 1;
    i++;
  }
  return [i, i + 1 + (p - start)];
}

/**
 * Builds MatchupStats from outcome units (judgments or per-pair majorities).
 * clusterBy 'prompt' groups by promptId (the default for intervals); 'unit' makes every unit its
 * own cluster, so a bootstrap over clusters resamples judgments independently (Arena-style).
 * Units comparing a model with itself are ignored.
 * Method: encode each unit as one number (cluster·P + pair)·3 + outcome, sort the codes, and count
 * runs — a typed-array sort instead of a hash map per (cluster, pair) cell, which is what keeps the
 * reduction of a million judgments well under a second.
 * Complexity: O(n log n) time for n units, O(n) memory.
 */
export function buildMatchupStats(units: readonly Judgment[], clusterBy: "prompt" | "unit" = "prompt"): MatchupStats {
  const modelSet = new Set<string>();
  for (const u of units) {
    modelSet.add(u.modelA);
    modelSet.add(u.modelB);
  }
  const models = [...modelSet].sort();
  const K = models.length;
  const P = (K * (K - 1)) / 2;
  const index = new Map(models.map((m, i) => [m, i]));
  const clusterIndex = new Map<string, number>();
  const clusters: string[] = [];
  const codes = new Float64Array(units.length);
  let used = 0;
  for (let n = 0; n < units.length; n++) {
    const u = units[n];
    const id = clusterBy === "prompt" ? u.promptId : String(n);
    let c = clusterIndex.get(id);
    if (c === undefined) {
      c = clusters.length;
      clusterIndex.set(id, c);
      clusters.push(id);
    }
    const a = index.get(u.modelA)!;
    const b = index.get(u.modelB)!;
    if (a === b) continue;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    // outcome 0: the lower-index model won, 1: the higher-index model won, 2: tie
    const outcome = u.winner === "tie" ? 2 : (u.winner === "A") === (a === lo) ? 0 : 1;
    codes[used++] = (c * P + pairIndexOf(lo, hi, K)) * 3 + outcome;
  }
  const sorted = codes.subarray(0, used).sort();
  let cells = 0;
  for (let n = 0; n < used; n++) if (n === 0 || Math.floor(sorted[n] / 3) !== Math.floor(sorted[n - 1] / 3)) cells++;
  const offsets = new Int32Array(clusters.length + 1);
  const pairIndex = new Int32Array(cells);
  const counts = new Float64Array(cells * 3);
  let e = -1;
  let previousCell = -1;
  for (let n = 0; n < used; n++) {
    const cell = Math.floor(sorted[n] / 3);
    if (cell !== previousCell) {
      e++;
      previousCell = cell;
      const c = Math.floor(cell / P);
      offsets[c + 1]++;
      pairIndex[e] = cell - c * P;
    }
    counts[3 * e + (sorted[n] - cell * 3)]++;
  }
  for (let c = 0; c < clusters.length; c++) offsets[c + 1] += offsets[c];
  return { models, clusters, offsets, pairIndex, counts };
}

/**
 * Totals per pair (3 numbers per pair index: wins lower, wins higher, ties) over all clusters,
 * or over clusters weighted by `multiplicity` (a bootstrap resample). O(entries).
 */
export function matchupTotals(stats: MatchupStats, multiplicity?: ArrayLike<number>, out?: Float64Array): Float64Array {
  const K = stats.models.length;
  const totals = out ?? new Float64Array((3 * K * (K - 1)) / 2);
  totals.fill(0);
  const { offsets, pairIndex, counts } = stats;
  for (let c = 0; c < stats.clusters.length; c++) {
    const m = multiplicity ? multiplicity[c] : 1;
    if (m === 0) continue;
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const t = 3 * pairIndex[e];
      totals[t] += m * counts[3 * e];
      totals[t + 1] += m * counts[3 * e + 1];
      totals[t + 2] += m * counts[3 * e + 2];
    }
  }
  return totals;
}

/**
 * Bradley–Terry input from pair totals: wins[i·K + j] = wins of i over j + ½ ties. O(K²).
 */
export function winMatrix(totals: ArrayLike<number>, K: number, out?: Float64Array): Float64Array {
  const w = out ?? new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    for (let j = i + 1; j < K; j++) {
      const t = 3 * pairIndexOf(i, j, K);
      w[i * K + j] = totals[t] + totals[t + 2] / 2;
      w[j * K + i] = totals[t + 1] + totals[t + 2] / 2;
    }
  }
  return w;
}
