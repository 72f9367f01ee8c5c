import { buildRatingTable } from "../agreement/rating-table";
import { krippendorffAlpha } from "../agreement/krippendorff-alpha";
import { breakdown } from "../breakdown";
import {
  clusterRatioReplicates,
  summariseReplicates,
  type BootstrapResult,
  type RatioColumn,
  type RatioReplicates,
} from "../cluster-bootstrap";
import { newcombeDifference } from "../newcombe";
import { MIN_BOOTSTRAP_PROMPTS, wilsonOverPrompts } from "../wilson";
import type { Interval } from "../types";
import { checkScaleValue, type RatingScale } from "./scales";

/** One annotator's answer about one image on one aspect. */
export interface RatingRecord {
  /** The image rated: the unit of agreement (Krippendorff's α compares the ratings of one image). */
  imageId: string;
  /** The prompt the image came from: the cluster of the prompt bootstrap. */
  promptId: string;
  model: string;
  /** The aspect (criterion) key; records of different aspects never mix. */
  aspect: string;
  /** One of the aspect's scale values. */
  value: number;
  annotatorId?: string;
  category?: string;
}

export interface RatingStatsOptions {
  /** Bootstrap rounds (e.g. 1,000) and seed: the same input and seed give the same output. */
  rounds: number;
  seed: number;
  level?: number;
}

/** A mean or a share with its intervals: the prompt bootstrap, or Wilson over prompts below MIN_BOOTSTRAP_PROMPTS prompts. */
export interface EstimateWithInterval {
  estimate: number;
  /** Prompt (cluster) bootstrap, percentile and BCa; null below MIN_BOOTSTRAP_PROMPTS prompts. */
  bootstrap: BootstrapResult | null;
  /** Wilson over prompts (each prompt one observation, on the scale's range), given instead of the bootstrap for few prompts. */
  wilsonPrompts: Interval | null;
}

export interface ModelRating {
  model: string;
  ratings: number;
  prompts: number;
  images: number;
  mean: EstimateWithInterval;
  /** counts[l]: ratings at the scale's l-th value (lowest first). */
  distribution: number[];
  /** shares[l] = counts[l] / ratings, with intervals. */
  shares: EstimateWithInterval[];
}

export interface RatingDifference {
  model: string;
  opponent: string;
  /** Prompts on which both models were rated: the difference is paired by prompt and uses only these. */
  prompts: number;
  /** mean(model) − mean(opponent) over the shared prompts. */
  estimate: number;
  /** Paired prompt bootstrap; null below MIN_BOOTSTRAP_PROMPTS shared prompts. */
  bootstrap: BootstrapResult | null;
  /** Newcombe's hybrid interval on Wilson over prompts (conservative: ignores the pairing); only for few prompts. */
  newcombePrompts: Interval | null;
}

export interface RatingAgreement {
  /** Images with at least two ratings (Krippendorff's pairable units). */
  images: number;
  ratings: number;
  /** Krippendorff's α with the ordinal metric: the headline for a rating scale. */
  ordinal: number | null;
  interval: number | null;
  nominal: number | null;
}

export interface AspectRatingStats {
  aspect: string;
  scale: RatingScale;
  ratings: number;
  /** By model name. */
  models: ModelRating[];
  /** Every pair of models once (model before opponent by name). */
  differences: RatingDifference[];
  agreement: RatingAgreement;
}

/**
 * Statistics of single-image ratings on one aspect: per model the mean and the distribution over
 * the scale with prompt-bootstrap intervals, the pairwise differences of means paired by prompt,
 * and Krippendorff's α.
 * Definitions: mean = Σ value / n over the model's ratings; share_l = #{value = l-th level} / n.
 * Intervals: cluster (prompt) bootstrap of these ratios (clusterRatioReplicates: whole prompts
 * resampled, percentile and BCa), one resample shared by every model, share and difference.
 * Difference of A and B: over the prompts where both were rated, ΣA/nA − ΣB/nB, its replicates the
 * difference of the two ratios' replicates in the same resample (so a prompt that is hard for every
 * model moves both together and cancels — the pairing). With fewer than MIN_BOOTSTRAP_PROMPTS
 * prompts the bootstrap is not reported: a mean or share gets Wilson over prompts on the scale's
 * range ([min, max] mapped to [0, 1], wilsonOverPrompts — the variance bound behind it holds for
 * any score in [0, 1]); a difference gets Newcombe's interval of the two rescaled means with each
 * prompt as one observation (conservative, it ignores the positive correlation the pairing removes).
 * Agreement: ratingAgreement.
 * Reference: Davison & Hinkley (1997) §3.8 (cluster bootstrap); Efron (1987) (BCa); Newcombe
 * (1998), Stat. Med. 17:873 (method 10); Lee et al. (2023), HEIM, NeurIPS D&B (per-aspect means
 * of 1–5 ratings per model).
 * Complexity: O(n + B·k·c) for n ratings, k prompts, B rounds and c = K(L + 1) + K(K − 1) ratio
 * columns (K models, L scale levels).
 * Throws (naming the record) on a value off the scale, an empty id or a record of another aspect.
 */
export function aspectRatingStats(
  records: readonly RatingRecord[],
  aspect: string,
  scale: RatingScale,
  options: RatingStatsOptions,
): AspectRatingStats {
  const level = options.level ?? 0.95;
  checkRecords(records, aspect, scale);
  const L = scale.values.length;
  const models = [...new Set(records.map((r) => r.model))].sort();
  const modelIndex = new Map(models.map((m, i) => [m, i]));
  const promptIndex = new Map<string, number>();
  for (const r of records) if (!promptIndex.has(r.promptId)) promptIndex.set(r.promptId, promptIndex.size);
  const k = promptIndex.size;
  const K = models.length;
  // Per (model, prompt): Σ value, n, and n per level.
  const sum = models.map(() => new Float64Array(k));
  const count = models.map(() => new Float64Array(k));
  const atLevel = models.map(() => Array.from({ length: L }, () => new Float64Array(k)));
  const images = models.map(() => new Set<string>());
  for (const r of records) {
    const m = modelIndex.get(r.model)!;
    const c = promptIndex.get(r.promptId)!;
    sum[m][c] += r.value;
    count[m][c] += 1;
    atLevel[m][scale.values.indexOf(r.value)][c] += 1;
    images[m].add(r.imageId);
  }
  const columns: RatioColumn[] = [];
  for (let m = 0; m < K; m++) {
    columns.push({ num: sum[m], den: count[m] });
    for (let l = 0; l < L; l++) columns.push({ num: atLevel[m][l], den: count[m] });
  }
  const pairs: { a: number; b: number; shared: number }[] = [];
  for (let a = 0; a < K; a++)
    for (let b = a + 1; b < K; b++) {
      const mask = (x: Float64Array, c: number) => (count[a][c] > 0 && count[b][c] > 0 ? x[c] : 0);
      const masked = (m: number) => ({
        num: Float64Array.from(sum[m], (_, c) => mask(sum[m], c)),
        den: Float64Array.from(count[m], (_, c) => mask(count[m], c)),
      });
      columns.push(masked(a), masked(b));
      let shared = 0;
      for (let c = 0; c < k; c++) if (count[a][c] > 0 && count[b][c] > 0) shared++;
      pairs.push({ a, b, shared });
    }
  const reps = clusterRatioReplicates(columns, options);
  const lo = scale.values[0];
  const range = scale.values[L - 1] - lo;
  const estimateOf = (
    r: RatioReplicates,
    prompts: number,
    toUnit: (x: number) => number,
    fromUnit: (u: number) => number,
  ) => {
    const small = prompts < MIN_BOOTSTRAP_PROMPTS;
    const n = r.estimate; // the ratio over all prompts
    const w = small ? wilsonOverPrompts(toUnit(n) * prompts, prompts, prompts, level) : null;
    return {
      estimate: n,
      bootstrap: small ? null : summariseReplicates(n, r.reps, r.jack, level),
      wilsonPrompts: w ? { lower: fromUnit(w.lower), upper: fromUnit(w.upper) } : null,
    };
  };
  const identity = (x: number) => x;
  const modelRows = models.map((model, m): ModelRating => {
    const base = m * (L + 1);
    let prompts = 0,
      n = 0;
    for (let c = 0; c < k; c++) {
      if (count[m][c] > 0) prompts++;
      n += count[m][c];
    }
    const distribution = atLevel[m].map((x) => x.reduce((s, v) => s + v, 0));
    return {
      model,
      ratings: n,
      prompts,
      images: images[m].size,
      mean: estimateOf(
        reps[base],
        prompts,
        (x) => (range > 0 ? (x - lo) / range : 0),
        (u) => lo + u * range,
      ),
      distribution,
      shares: distribution.map((_, l) => estimateOf(reps[base + 1 + l], prompts, identity, identity)),
    };
  });
  const differences = pairs.map(({ a, b, shared }, p): RatingDifference => {
    const ra = reps[K * (L + 1) + 2 * p];
    const rb = reps[K * (L + 1) + 2 * p + 1];
    const estimate = ra.estimate - rb.estimate;
    const small = shared < MIN_BOOTSTRAP_PROMPTS;
    let newcombePrompts: Interval | null = null;
    if (small && shared > 0 && range > 0) {
      const ua = (ra.estimate - lo) / range;
      const ub = (rb.estimate - lo) / range;
      const d = newcombeDifference(ua * shared, shared, ub * shared, shared, level);
      newcombePrompts = { lower: d.lower * range, upper: d.upper * range };
    }
    return {
      model: models[a],
      opponent: models[b],
      prompts: shared,
      estimate,
      bootstrap:
        small || shared === 0
          ? null
          : summariseReplicates(
              estimate,
              ra.reps.map((x, r) => x - rb.reps[r]),
              ra.jack.map((x, i) => x - rb.jack[i]),
              level,
            ),
      newcombePrompts,
    };
  });
  return {
    aspect,
    scale,
    ratings: records.length,
    models: modelRows,
    differences,
    agreement: ratingAgreement(records, scale),
  };
}

/**
 * Inter-rater agreement of ratings on one aspect: Krippendorff's α over images (the units), with
 * the ordinal metric (the headline: a Likert scale is ordered but its steps need not be equal),
 * and the interval and nominal metrics beside it. Ratings without an annotator id count as
 * different raters; a rater rating an image twice counts once (buildRatingTable).
 * Reference: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"; Krippendorff
 * (2004), Content Analysis, 2nd ed., §11.3. Complexity: O(n + u·L²) for u images, L levels.
 */
export function ratingAgreement(records: readonly RatingRecord[], scale: RatingScale): RatingAgreement {
  const table = buildRatingTable(
    records.map((r, i) => ({ item: r.imageId, rater: r.annotatorId ?? `\u0000${i}`, label: String(r.value) })),
    scale.values.map(String),
  );
  const perImage = table.counts.map((row) => row.reduce((a, b) => a + b, 0));
  return {
    images: perImage.filter((n) => n >= 2).length,
    ratings: perImage.reduce((a, b) => a + b, 0),
    ordinal: krippendorffAlpha(table, "ordinal"),
    interval: krippendorffAlpha(table, "interval"),
    nominal: krippendorffAlpha(table, "nominal"),
  };
}

/**
 * Every aspect's statistics (aspectRatingStats), aspects in the order of `scales`; an aspect in the
 * records but not in `scales` is an error (its scale is unknown).
 * Complexity: the sum over aspects of aspectRatingStats.
 */
export function ratingStats(
  records: readonly RatingRecord[],
  scales: Readonly<Record<string, RatingScale>>,
  options: RatingStatsOptions,
): AspectRatingStats[] {
  for (const [i, r] of records.entries())
    if (!(r.aspect in scales)) throw new RangeError(`rating ${i + 1}: aspect "${r.aspect}" has no scale`);
  return Object.entries(scales).map(([aspect, scale]) =>
    aspectRatingStats(
      records.filter((r) => r.aspect === aspect),
      aspect,
      scale,
      options,
    ),
  );
}

/**
 * Per-category breakdown of every aspect's statistics (breakdown + ratingStats), each category
 * with its own prompt bootstrap. Records without a category are left out.
 * Complexity: that of ratingStats on each category.
 */
export function ratingStatsByCategory(
  records: readonly RatingRecord[],
  scales: Readonly<Record<string, RatingScale>>,
  options: RatingStatsOptions,
): { group: string; result: AspectRatingStats[] }[] {
  return breakdown(
    records,
    (r) => r.category,
    (group) => ratingStats(group, scales, options),
  );
}

function checkRecords(records: readonly RatingRecord[], aspect: string, scale: RatingScale): void {
  records.forEach((r, i) => {
    const where = `rating ${i + 1} (image ${r.imageId}, aspect ${r.aspect})`;
    if (r.aspect !== aspect) throw new RangeError(`${where}: not of aspect "${aspect}"`);
    for (const field of ["imageId", "promptId", "model"] as const)
      if (typeof r[field] !== "string" || r[field] === "") throw new RangeError(`${where}: empty ${field}`);
    checkScaleValue(r.value, scale, where);
  });
}

/** What a rating campaign's results show: every aspect's statistics and the same per category. */
export interface RatingFigures {
  stats: AspectRatingStats[];
  byCategory: { group: string; result: AspectRatingStats[] }[];
}

/**
 * The figures of a rating campaign's results page and of `photogenic analyze` on its ratings CSV:
 * ratingStats and ratingStatsByCategory, none without a rating (the statistics need a prompt).
 * Complexity: twice that of ratingStats.
 */
export function ratingFigures(
  records: readonly RatingRecord[],
  scales: Readonly<Record<string, RatingScale>>,
  options: RatingStatsOptions,
): RatingFigures {
  if (records.length === 0) return { stats: [], byCategory: [] };
  return { stats: ratingStats(records, scales, options), byCategory: ratingStatsByCategory(records, scales, options) };
}
