import { aggregateByMajority, countOutcomes, flipWinner, outcomeUnits, type CountingMode } from "./aggregate";
import { annotatorQuality, type AnnotatorQuality } from "./annotator-quality";
import { breakdown } from "./breakdown";
import { buildRatingTable, type Rating, type RatingTable } from "./agreement/rating-table";
import { fleissKappa } from "./agreement/fleiss-kappa";
import { gwetAC1 } from "./agreement/gwet-ac1";
import { krippendorffAlpha } from "./agreement/krippendorff-alpha";
import { rawAgreement } from "./agreement/raw-agreement";
import { DEFAULT_PRIOR_PRECISION } from "./bradley-terry";
import { dawidSkene } from "./dawid-skene";
import { headToHead, type HeadToHead } from "./head-to-head";
import { leaderboardFromReplicates, type Leaderboard } from "./leaderboard";
import { bootstrapMatchups } from "./matchup-bootstrap";
import { buildMatchupStats } from "./matchups";
import { positionBiasFromCounts, positionCounts, type PositionBias, type PositionCounts } from "./position-bias";
import { toReportJson } from "./report-json";
import type { Judgment } from "./types";

export interface CampaignStatsSettings {
  /** 'majority' (default, Emu): one outcome per pair; 'judgment': every vote counts. */
  counting?: CountingMode;
  /** Confidence level of every interval (default 0.95). */
  level?: number;
  bootstrapRounds?: number;
  seed?: number;
  /** Resampling unit of the leaderboard intervals (default 'prompts'). */
  leaderboardResample?: "prompts" | "judgments";
  priorPrecision?: number;
  anchor?: { model: string; rating: number } | null;
  /** Head-to-heads are reported for the other model against this one; otherwise alphabetical. */
  baselineModel?: string | null;
  breakdowns?: ("category" | "challenge")[];
  /** Target half-width of the planning figures (default 0.05 = ±5 points). */
  targetHalfWidth?: number;
  /** Also fit Dawid–Skene and report its denoised outcomes (default false). */
  dawidSkene?: boolean;
}

export type ResolvedSettings = Required<CampaignStatsSettings>;

export interface Agreement {
  /** Pairs with at least two judgments, and the judgments on them. */
  items: number;
  ratings: number;
  rawAgreement: number | null;
  fleissKappa: number | null;
  gwetAC1: number | null;
  krippendorffAlphaNominal: number | null;
  /** Ordinal alpha with the order "B better" < "tie" < "A better". */
  krippendorffAlphaOrdinal: number | null;
}

export interface CriterionStats {
  criterion: string | null;
  judgments: number;
  pairs: number;
  prompts: number;
  annotators: number;
  models: string[];
  headToHead: HeadToHead[];
  leaderboard: Leaderboard | null;
  agreement: Agreement;
  positionBias: PositionBias;
  annotatorQuality: AnnotatorQuality[];
  breakdowns: { dimension: "category" | "challenge"; group: string; headToHead: HeadToHead[] }[];
  dawidSkene: DawidSkeneSummary | null;
}

export interface DawidSkeneSummary {
  iterations: number;
  annotators: { annotatorId: string; accuracy: number }[];
  headToHead: { model: string; opponent: string; win: number; tie: number; loss: number; winRateTiesHalf: number }[];
}

export interface CampaignStats {
  schema: "photogenic.campaign-stats/1";
  settings: ResolvedSettings;
  criteria: CriterionStats[];
}

/** Settings with every default filled in (documented in docs/STATISTICS.md). */
export function resolveSettings(s: CampaignStatsSettings = {}): ResolvedSettings {
  return {
    counting: s.counting ?? "majority",
    level: s.level ?? 0.95,
    bootstrapRounds: s.bootstrapRounds ?? 1000,
    seed: s.seed ?? 1,
    leaderboardResample: s.leaderboardResample ?? "prompts",
    priorPrecision: s.priorPrecision ?? DEFAULT_PRIOR_PRECISION,
    anchor: s.anchor ?? null,
    baselineModel: s.baselineModel ?? null,
    breakdowns: s.breakdowns ?? ["category", "challenge"],
    targetHalfWidth: s.targetHalfWidth ?? 0.05,
    dawidSkene: s.dawidSkene ?? false,
  };
}

/**
 * Every figure of a campaign's results, per criterion, as plain JSON (see docs/STATISTICS.md for
 * each field): head-to-head win rates with Wilson and prompt-bootstrap intervals, sign test and
 * planning; the Bradley–Terry leaderboard; agreement; position bias; annotator quality;
 * per-category and per-challenge breakdowns; optionally Dawid–Skene.
 * Numbers are rounded by toReportJson; the same judgments and settings always give identical JSON.
 * Complexity: O(n log n) to reduce n judgments, O(B·(k + E + I·K³)) for the bootstrap, and the
 * same again per breakdown group.
 */
export function computeCampaignStats(
  judgments: readonly Judgment[],
  settings: CampaignStatsSettings = {},
): CampaignStats {
  const s = resolveSettings(settings);
  const byCriterion = judgmentsByCriterion(judgments);
  const inputs = [...byCriterion].map(([key, list]) => criterionInputFromJudgments(key === "" ? null : key, list, s));
  return campaignStatsFromInputs(inputs, s);
}

/**
 * What the figures of one criterion are computed from. Built from judgments
 * (criterionInputFromJudgments) or from counts reduced where the data lives (lib/stats/reduced.ts);
 * both give the same input for the same judgments, so both give the same figures.
 */
export interface CriterionInput {
  criterion: string | null;
  /** Outcome units under the counting mode, in order of first appearance: the bootstrap's cluster order. */
  units: readonly Judgment[];
  judgments: number;
  pairs: number;
  prompts: number;
  annotators: number;
  /** Pairs × (B, tie, A) votes, for agreement. */
  ratings: RatingTable;
  position: PositionCounts;
  annotatorQuality: AnnotatorQuality[];
  /** Computed only when the settings ask for Dawid–Skene. */
  dawidSkene: DawidSkeneSummary | null;
}

/** Every figure from per-criterion inputs (criteria in key order); see computeCampaignStats. */
export function campaignStatsFromInputs(inputs: readonly CriterionInput[], settings: CampaignStatsSettings = {}) {
  const annotatorsOf = new Map(inputs.map((input) => [input, input]));
  return campaignStatsInTwoSteps(inputs, settings)((input) => annotatorsOf.get(input as CriterionInput)!);
}

/** What a criterion's figures read of its annotators' answers: how many judged, and their quality. */
export type CriterionAnnotators = Pick<CriterionInput, "annotators" | "annotatorQuality">;

/** A criterion's input without its annotators (CriterionAnnotators). */
export type CriterionVotesInput = Omit<CriterionInput, keyof CriterionAnnotators>;

/**
 * campaignStatsFromInputs in two steps, for a caller that learns the annotators' answers after
 * the votes (lib/results reads them from the database while this computes): the first step
 * computes every figure of the votes — the bootstraps and all that rests on them, nearly all
 * the work — and returns a function that adds each criterion's annotators (`annotatorsOf`, called
 * with the input it belongs to) and gives what campaignStatsFromInputs gives on the complete inputs,
 * byte for byte.
 */
export function campaignStatsInTwoSteps<I extends CriterionVotesInput>(
  inputs: readonly I[],
  settings: CampaignStatsSettings = {},
): (annotatorsOf: (input: I) => CriterionAnnotators) => CampaignStats {
  const s = resolveSettings(settings);
  const criteria = [...inputs]
    .sort((x, y) => ((x.criterion ?? "") < (y.criterion ?? "") ? -1 : 1))
    .map((input) => ({ input, stats: criterionStats({ ...input, annotators: 0, annotatorQuality: [] }, s) }));
  return (annotatorsOf) => {
    // Spread over the computed figures: the annotators' fields keep their place, so the JSON's key order is unchanged.
    const complete = criteria.map(({ input, stats }) => {
      const { annotators, annotatorQuality } = annotatorsOf(input);
      return { ...stats, annotators, annotatorQuality };
    });
    return toReportJson({ schema: "photogenic.campaign-stats/1", settings: s, criteria: complete }) as CampaignStats;
  };
}

/** One criterion's head-to-heads, for comparing two sets of judgments (e.g. with and without exclusions). */
export interface CriterionHeadToHeads {
  criterion: string | null;
  judgments: number;
  annotators: number;
  headToHead: HeadToHead[];
}

/** What headToHeadsFromInputs reads of a criterion's input. */
export type HeadToHeadInput = Pick<CriterionInput, "criterion" | "units" | "judgments" | "annotators">;

/**
 * Only the head-to-heads of computeCampaignStats (same settings, same seed, so the same resamples
 * of the same prompts), per criterion: the headline figures without the leaderboard, agreement
 * and breakdowns. The results use it to show the figures with the excluded annotators put back.
 * Complexity: O(n log n + B·k) for n judgments, B bootstrap rounds and k matchups.
 */
export function computeHeadToHeads(
  judgments: readonly Judgment[],
  settings: CampaignStatsSettings = {},
): CriterionHeadToHeads[] {
  const s = resolveSettings(settings);
  const byCriterion = judgmentsByCriterion(judgments);
  const inputs = [...byCriterion].map(([key, list]) => ({
    criterion: key === "" ? null : key,
    units: outcomeUnits(list, s.counting),
    judgments: list.length,
    annotators: new Set(list.flatMap((j) => (j.annotatorId === undefined ? [] : [j.annotatorId]))).size,
  }));
  return headToHeadsFromInputs(inputs, s);
}

/** computeHeadToHeads from per-criterion inputs (built from judgments or from counts, lib/stats/reduced.ts). */
export function headToHeadsFromInputs(
  inputs: readonly HeadToHeadInput[],
  settings: CampaignStatsSettings = {},
): CriterionHeadToHeads[] {
  return headToHeadsInTwoSteps(inputs, settings)((input) => (input as HeadToHeadInput).annotators);
}

/**
 * headToHeadsFromInputs in two steps (as campaignStatsInTwoSteps): the bootstraps first, from
 * inputs without their annotator counts; the returned function adds them (`annotatorsOf`, called
 * with the input it belongs to) and gives what headToHeadsFromInputs gives on the complete inputs.
 */
export function headToHeadsInTwoSteps<I extends Omit<HeadToHeadInput, "annotators">>(
  inputs: readonly I[],
  settings: CampaignStatsSettings = {},
): (annotatorsOf: (input: I) => number) => CriterionHeadToHeads[] {
  const s = resolveSettings(settings);
  const out = [...inputs]
    .sort((x, y) => ((x.criterion ?? "") < (y.criterion ?? "") ? -1 : 1))
    .map((input) => {
      const stats = buildMatchupStats(input.units, "prompt");
      const reps = bootstrapMatchups(stats, { rounds: s.bootstrapRounds, seed: s.seed, bradleyTerry: false });
      return { input, headToHead: allHeadToHeads(stats, reps, s) };
    });
  return (annotatorsOf) =>
    toReportJson(
      out.map(({ input, headToHead }) => ({
        criterion: input.criterion,
        judgments: input.judgments,
        annotators: annotatorsOf(input),
        headToHead,
      })),
    ) as CriterionHeadToHeads[];
}

/** The input of one criterion from its judgments. O(n·m) for n judgments, m votes per pair. */
export function criterionInputFromJudgments(
  criterion: string | null,
  judgments: readonly Judgment[],
  settings: CampaignStatsSettings = {},
): CriterionInput {
  const s = resolveSettings(settings);
  return {
    criterion,
    units: outcomeUnits(judgments, s.counting),
    judgments: judgments.length,
    pairs: new Set(judgments.map((j) => j.pairId)).size,
    prompts: new Set(judgments.map((j) => j.promptId)).size,
    annotators: new Set(judgments.flatMap((j) => (j.annotatorId === undefined ? [] : [j.annotatorId]))).size,
    ratings: buildRatingTable(pairRatings(judgments), AGREEMENT_LABELS),
    position: positionCounts(judgments),
    annotatorQuality: annotatorQuality(judgments),
    dawidSkene: s.dawidSkene ? dawidSkeneSummary(pairRatings(judgments), aggregateByMajority(judgments)) : null,
  };
}

/** Agreement's label order: ordinal alpha reads "B better" < "tie" < "A better". */
export const AGREEMENT_LABELS = ["B", "tie", "A"] as const;

function criterionStats(input: CriterionInput, s: ResolvedSettings): CriterionStats {
  const { units } = input;
  const stats = buildMatchupStats(units, "prompt");
  const replicates = bootstrapMatchups(stats, {
    rounds: s.bootstrapRounds,
    seed: s.seed,
    priorPrecision: s.priorPrecision,
  });
  let leaderboard: Leaderboard | null = null;
  if (stats.models.length >= 2) {
    const lbOptions = {
      level: s.level,
      anchor: s.anchor ?? undefined,
      priorPrecision: s.priorPrecision,
      rounds: s.bootstrapRounds,
    };
    if (s.leaderboardResample === "prompts")
      leaderboard = leaderboardFromReplicates(stats, replicates, { ...lbOptions, resample: "prompts" });
    else {
      const perUnit = buildMatchupStats(units, "unit");
      const reps = bootstrapMatchups(perUnit, {
        rounds: s.bootstrapRounds,
        seed: s.seed,
        priorPrecision: s.priorPrecision,
      });
      leaderboard = leaderboardFromReplicates(perUnit, reps, { ...lbOptions, resample: "judgments" });
    }
  }
  const breakdowns: CriterionStats["breakdowns"] = [];
  for (const dimension of s.breakdowns) {
    for (const { group, result } of breakdown(
      units,
      (u) => u[dimension],
      (groupUnits) => {
        const sub = buildMatchupStats(groupUnits, "prompt");
        const subReps = bootstrapMatchups(sub, { rounds: s.bootstrapRounds, seed: s.seed, bradleyTerry: false });
        return allHeadToHeads(sub, subReps, s);
      },
    ))
      breakdowns.push({ dimension, group, headToHead: result });
  }
  return {
    criterion: input.criterion,
    judgments: input.judgments,
    pairs: input.pairs,
    prompts: input.prompts,
    annotators: input.annotators,
    models: stats.models,
    headToHead: allHeadToHeads(stats, replicates, s),
    leaderboard,
    agreement: agreement(input.ratings),
    positionBias: positionBiasFromCounts(input.position, s.level),
    annotatorQuality: input.annotatorQuality,
    breakdowns,
    dawidSkene: input.dawidSkene,
  };
}

/** Every pair of models that met, oriented against the baseline when it is one of the two. */
function allHeadToHeads(
  stats: ReturnType<typeof buildMatchupStats>,
  reps: ReturnType<typeof bootstrapMatchups>,
  s: ResolvedSettings,
): HeadToHead[] {
  const out: HeadToHead[] = [];
  const M = stats.models;
  for (let i = 0; i < M.length; i++) {
    for (let j = i + 1; j < M.length; j++) {
      const [model, opponent] = M[i] === s.baselineModel ? [M[j], M[i]] : [M[i], M[j]];
      const h = headToHead(stats, reps, model, opponent, { level: s.level, targetHalfWidth: s.targetHalfWidth });
      if (h) out.push(h);
    }
  }
  return out;
}

/** Ratings per pair for agreement: the label of each judgment, oriented like the pair's first judgment. */
function pairRatings(judgments: readonly Judgment[]): Rating[] {
  const first = new Map<string, Judgment>();
  return judgments.flatMap((j, n) => {
    const key = `${j.pairId}`;
    const ref = first.get(key) ?? (first.set(key, j), j);
    const label = ref.modelA === j.modelA ? j.winner : flipWinner(j.winner);
    return [{ item: key, rater: j.annotatorId ?? `judgment-${n}`, label }];
  });
}

function agreement(table: RatingTable): Agreement {
  const multi = table.counts.filter((row) => row.reduce((a, b) => a + b, 0) >= 2);
  return {
    items: multi.length,
    ratings: multi.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0),
    rawAgreement: rawAgreement(table),
    fleissKappa: fleissKappa(table),
    gwetAC1: gwetAC1(table),
    krippendorffAlphaNominal: krippendorffAlpha(table, "nominal"),
    krippendorffAlphaOrdinal: krippendorffAlpha(table, "ordinal"),
  };
}

/**
 * Dawid–Skene over the ratings (one per judgment, in input order: item = pair, rater = annotator,
 * label oriented like the pair's first judgment), and the head-to-heads of the per-pair majority
 * units (aggregateByMajority) relabelled with the Dawid–Skene labels.
 */
export function dawidSkeneSummary(ratings: readonly Rating[], majorityUnits: readonly Judgment[]): DawidSkeneSummary {
  const ds = dawidSkene(ratings, { classes: ["A", "B", "tie"] });
  const label = new Map(ds.items.map((it) => [it.item, it.label]));
  // One outcome per pair, with the Dawid–Skene label in place of the majority.
  const units = majorityUnits.map((u) => ({
    ...u,
    winner: label.get(u.pairId) as Judgment["winner"],
  }));
  const models = [...new Set(units.flatMap((u) => [u.modelA, u.modelB]))].sort();
  const headToHead: DawidSkeneSummary["headToHead"] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      const { win, tie, loss } = countOutcomes(units, models[i], models[j]);
      const n = win + tie + loss;
      if (n > 0)
        headToHead.push({
          model: models[i],
          opponent: models[j],
          win,
          tie,
          loss,
          winRateTiesHalf: (win + tie / 2) / n,
        });
    }
  }
  return {
    iterations: ds.iterations,
    annotators: Object.entries(ds.confusion).map(([annotatorId, m]) => ({
      annotatorId,
      accuracy: m.reduce((acc, row, k) => acc + ds.priors[k] * row[k], 0),
    })),
    headToHead,
  };
}

/** Judgments grouped by criterion ("" for none), in first-seen order. Complexity: O(n). */
function judgmentsByCriterion(judgments: readonly Judgment[]): Map<string, Judgment[]> {
  const byCriterion = new Map<string, Judgment[]>();
  for (const j of judgments) {
    const key = j.criterion ?? "";
    let list = byCriterion.get(key);
    if (!list) byCriterion.set(key, (list = []));
    list.push(j);
  }
  return byCriterion;
}
