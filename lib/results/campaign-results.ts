import "server-only";
import type { CurrentUser } from "../auth/guard";
import { db } from "../db";
import { AppError } from "../errors";
import type pg from "pg";
import { inSnapshot, run, withSharedSnapshot } from "../db/prepared";
import { campaignNotFound, ownedBy } from "../campaigns/owned-campaign";
import { campaignGenerationSummary } from "../generation/generation-cost";
import {
  campaignStatsInTwoSteps,
  criterionAnnotatorsFromAnswers,
  criterionVotesFromReduction,
  headToHeadsInTwoSteps,
  type CampaignStats,
  type CriterionHeadToHeads,
  toReportJson,
  type AnnotatorQuality,
  type CrowdSignal,
} from "../stats";
import { addAllJudges, addJudges, loadCampaignData, pseudonymOf, type CampaignData } from "./campaign-data";
import { codeVersion } from "./code-version";
import { describeFlag } from "./flag-reasons";
import { qualityOfAnswers } from "./annotator-signals";
import {
  answerRanges,
  criterionAnswersOf,
  medianMilliseconds,
  everyoneHeadToHeadVotes,
  readAnswers,
  readVotes,
  reducedVotes,
  type AnnotatorTotals,
  type AnswersReading,
  type CampaignReduction,
} from "./reductions";
import type { AnnotatorRow, ReportJson } from "./report-json";
import {
  cacheAddress,
  keepResults,
  keptResults,
  onlyJudgmentsMoved,
  singleFlight,
  stateKey,
  type CacheAddress,
  type CacheSource,
} from "./results-cache";
import { statsSettingsFor, type ResultsSettings } from "./settings";
import { RESULTS_STATE, type ResultsStateRow } from "./statements";
import { withReference } from "./reference-model";
import type { CriterionTally } from "./gallery-scores";
import { sequentialFigures, type SequentialFigures } from "./sequential-figures";

/**
 * A campaign's results: the report and what the page, the exports and the live summary show
 * beside it, all from one reduction of the judgments (lib/results/reductions.ts). Plain JSON, so
 * it is kept as computed (lib/results/results-cache.ts).
 */
export interface CampaignAnalysis {
  report: ReportJson;
  /** Per pair with analysed votes: its category and, per criterion, its votes for model A, for model B, ties (the gallery's tallies). */
  pairVotes: { pairId: string; category: string | null; byCriterion: CriterionTally[] }[];
  /** Categories of the regular pairs, sorted. */
  categories: string[];
  /** Per criterion id: judgments on regular pairs (excluded annotators too) and pairs at the criterion's target. */
  progress: { criterionId: string; judgments: number; complete: number }[];
  /** Per annotator who judged (user id): every judgment counted, gold answers, median milliseconds. */
  activity: {
    userId: string;
    pseudonym: string;
    judgments: number;
    goldAnswered: number;
    goldCorrect: number;
    medianMs: number | null;
  }[];
  /**
   * The stopping rule's sequences and decisions per comparison (lib/results/sequential-figures.ts);
   * null unless the campaign stops when decided or has the adaptive design.
   */
  sequential: SequentialFigures | null;
  /** Where this answer came from (not part of the kept results). */
  cache?: CacheSource;
}

/**
 * Whether the exclusion rule needs the annotators' computed quality: only when the settings name
 * flags (excludeFlagged); the campaign's rule reads the flags set while voting.
 */
export function exclusionNeedsQuality(settings: ResultsSettings): boolean {
  return settings.excludeFlagged !== null && settings.excludeFlagged.length > 0;
}

/** The kind of a flag set while voting: "fast: …" is speed; any other (gold, or set by hand) counts as gold. */
function liveFlagKind(reason: string | null): CrowdSignal {
  return reason?.startsWith("fast") ? "speed" : "gold";
}

/**
 * Which annotators' judgments are left out, and why:
 * - those the settings name (`exclude`): "excluded in settings";
 * - settings without excludeFlagged (the default): the campaign's rule — with the campaign's
 *   excludeFlagged on, every annotator flagged while voting (gold or speed), "flagged: <reason>";
 * - settings with excludeFlagged: annotators with one of the named flags, computed over all their
 *   judgments (`quality`, lib/stats annotatorQuality) or, for gold and speed, set while voting;
 *   "flagged: " and each flag in words.
 * An unknown pseudonym in the settings is a 422 naming `exclude` (a typo would otherwise silently
 * change nothing). `quality` is needed when exclusionNeedsQuality(settings).
 */
export function exclusionRule(
  data: CampaignData,
  settings: ResultsSettings,
  quality: ReadonlyMap<string, AnnotatorQuality> | null,
) {
  const unknown = unknownInExclude(data, settings);
  if (unknown.length > 0) {
    throw new AppError("VALIDATION", `Invalid results settings: exclude: no annotator ${unknown[0]} in this campaign`, [
      { field: "exclude", message: `unknown annotator ${unknown.join(", ")}` },
    ]);
  }
  if (exclusionNeedsQuality(settings) && quality === null)
    throw new Error("exclusionRule: the settings name quality flags, so annotator quality is needed");
  const bySettings = new Set(settings.exclude);
  const signals = settings.excludeFlagged;
  const reasons = new Map<string, string | null>();
  for (const a of data.annotators.values()) {
    let reason: string | null = null;
    if (bySettings.has(a.pseudonym)) reason = "excluded in settings";
    else if (signals === null) {
      if (data.campaign.excludeFlagged && a.flagged) reason = `flagged: ${a.flagReason ?? "quality check"}`;
    } else {
      const q = quality?.get(a.pseudonym);
      const live = a.flagged ? liveFlagKind(a.flagReason) : null;
      const parts = signals.flatMap((s) => {
        if (s === live) return [a.flagReason ?? s];
        return q?.flags.includes(s) ? [describeFlag(s, q)] : [];
      });
      if (parts.length > 0) reason = `flagged: ${parts.join("; ")}`;
    }
    reasons.set(a.pseudonym, reason);
  }
  const pseudonym = pseudonymOf(data);
  return {
    /** By pseudonym (the statistics' annotator id). */
    reasons: reasons as ReadonlyMap<string, string | null>,
    reason: (userId: string): string | null => reasons.get(pseudonym(userId)) ?? null,
    excluded: (userId: string) => (reasons.get(pseudonym(userId)) ?? null) !== null,
  };
}

/**
 * The campaign's dictionaries for results under `settings`, without the judges who never joined
 * (loadCampaignData's judges: "participants": the readers meet them in their own pass over the
 * judgments) — unless `exclude` names someone no participant is, or `allJudges` asks for them.
 */
export async function loadResultsData(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
  allJudges = false,
): Promise<CampaignData> {
  const data = await loadCampaignData(user, campaignId, { judges: "participants" });
  if (allJudges || unknownInExclude(data, settings).length > 0) await addAllJudges(data);
  return data;
}

/** The pseudonyms `exclude` names that are no annotator of `data`. */
function unknownInExclude(data: CampaignData, settings: ResultsSettings): string[] {
  const known = new Set([...data.annotators.values()].map((a) => a.pseudonym));
  return settings.exclude.filter((p) => !known.has(p));
}

/**
 * A campaign's results under `settings`. Kept results answer when nothing they depend on changed
 * (no judgment added or undone, no flag, no campaign edit: results-cache.ts); otherwise one
 * reduction of the judgments in PostgreSQL is read in a single snapshot and the statistics are
 * computed from it. `stale: true` (the live summary) accepts kept results that lack only the
 * newest judgments (same flags, same campaign) and refreshes them in the background, so a poll
 * during voting never waits for a computation.
 * Only for a campaign the user manages (404 otherwise, before anything kept is answered).
 */
export async function analyseCampaign(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
  options: { stale?: boolean } = {},
): Promise<CampaignAnalysis> {
  const owned = await db.campaign.findFirst({ where: { id: campaignId, ...ownedBy(user) }, select: { id: true } });
  if (!owned) throw campaignNotFound();
  const [state] = await run(RESULTS_STATE, [campaignId]);
  if (!state) throw campaignNotFound();
  const address = cacheAddress(campaignId, settings);
  const wanted = stateKey(state);
  const kept = await keptResults<CampaignAnalysis>(address, wanted);
  if (kept && kept.stateKey === wanted) return withReference({ ...kept.value, cache: kept.source }, settings);
  const refresh = () => singleFlight(address, wanted, () => computeAndKeep(user, address, settings));
  if (kept && options.stale && onlyJudgmentsMoved(kept.stateKey, wanted)) {
    refresh().catch(() => {}); // a failure shows on the next visit that needs fresh results
    return withReference({ ...kept.value, cache: "stale" as const }, settings);
  }
  return withReference({ ...(await refresh()), cache: "computed" as const }, settings);
}

async function computeAndKeep(
  user: CurrentUser,
  address: CacheAddress,
  settings: ResultsSettings,
): Promise<CampaignAnalysis> {
  const { state, analysis } = await computeAnalysis(user, address.campaignId, settings);
  await keepResults(address, stateKey(state), analysis);
  return analysis;
}

/**
 * One snapshot: the state first (so the dictionaries, read after it, know every pair and
 * annotator it holds), the exclusion rule under the snapshot's flags, the vote cells of the
 * judgments left in, then every annotator's answers — and while PostgreSQL makes its pass over the
 * judgments for those, the statistics of the votes are computed here (campaignStatsInTwoSteps:
 * the bootstraps need no answers), so the database's work and Node's overlap. When the settings
 * exclude by computed quality flags, the answers are first read over everyone for the quality that
 * decides the exclusion.
 */
async function computeAnalysis(user: CurrentUser, campaignId: string, settings: ResultsSettings) {
  const { state, data, reduction, rule, quality, stats, withExcluded } = await inSnapshot(
    async (client) => {
      const [state] = await run(RESULTS_STATE, [campaignId], client);
      if (!state) throw campaignNotFound();
      // Judges who never joined are met in the answers (addJudges below), which saves a pass over every judgment.
      const data = withFlags(await loadResultsData(user, campaignId, settings), state);
      exclusionRule(data, settings, new Map()); // a typo in `exclude` is refused before anything is read
      // A second connection on this snapshot, opened before any statistics run, so that both parts
      // of the answers are sent at once (readAnswers) and PostgreSQL reads them on two cores.
      return withSharedSnapshot(client, { workMem: RESULTS_WORK_MEM }, (second) =>
        analyseInSnapshot(client, second, state, data, settings),
      );
    },
    { workMem: RESULTS_WORK_MEM },
  );
  const generation = await campaignGenerationSummary(data.campaign.id, data.models);
  return { state, analysis: analysisOf(data, settings, { rule, quality, reduction, generation, stats, withExcluded }) };
}

const RESULTS_WORK_MEM = "256MB";

/** computeAnalysis on its snapshot (`client`, and `second` sharing it when the pool had one to spare). */
async function analyseInSnapshot(
  client: pg.PoolClient,
  second: pg.PoolClient | null,
  state: ResultsStateRow,
  data: CampaignData,
  settings: ResultsSettings,
) {
  let everyone: AnswersReading | null = null;
  let rule;
  if (exclusionNeedsQuality(settings)) {
    everyone = await readAnswers(client, data, [], second);
    addJudges(data, annotatorIds(everyone)); // before the rule: their computed flags can exclude them
    rule = exclusionRule(data, settings, qualityOfAnswers(data, everyone.annotators));
  } else rule = exclusionRule(data, settings, null);
  const excluded = [...data.annotators.keys()].filter(rule.excluded);
  // The answers over everyone serve again when nobody is excluded; otherwise the id ranges of the
  // answers' two parts are fixed while the votes are read, so that nothing is awaited between
  // sending the parts and the statistics below.
  const reuse = everyone !== null && excluded.length === 0 ? everyone : null;
  const [votes, ranges] = await Promise.all([
    readVotes(client, data, excluded, settings.aggregation === "dawid-skene"),
    reuse ? undefined : answerRanges(client, second, data),
  ]);
  // Sent now; PostgreSQL works on it while the statistics of the votes are computed below.
  const reading = reuse ? Promise.resolve(reuse) : readAnswers(client, data, excluded, second, ranges);
  reading.catch(() => {}); // awaited below; a failure is thrown there
  const statsSettings = statsSettingsFor(settings, data.baselineModel);
  const criteria = reducedVotes(data, votes).map((c) => ({
    ...criterionVotesFromReduction(c, statsSettings),
    criterionId: c.criterionId,
  }));
  const statsWith = campaignStatsInTwoSteps(criteria, statsSettings);
  // The figures with the excluded annotators put back, should their judgments count (analysisOf).
  const everyoneWith =
    excluded.length > 0
      ? headToHeadsInTwoSteps(everyoneHeadToHeadVotes(data, votes, statsSettings), statsSettings)
      : null;
  const answers = await reading;
  addJudges(data, annotatorIds(answers));
  const byCriterion = criterionAnswersOf(data, answers);
  const stats = statsWith((c) => criterionAnnotatorsFromAnswers(byCriterion.get(c.criterionId) ?? []));
  const withExcluded = everyoneWith?.((c) => answers.judges.get(c.criterionId) ?? 0) ?? null;
  const quality = qualityOfAnswers(data, answers.annotators);
  return { state, data, reduction: { ...votes, answers }, rule, quality, stats, withExcluded };
}

const annotatorIds = (answers: AnswersReading) => answers.annotators.map((a) => a.annotatorId);

/** The dictionaries with the flags of the snapshot's state (a flag set since is for the next state). */
function withFlags(data: CampaignData, state: ResultsStateRow): CampaignData {
  const flagged = new Map(state.flagged);
  for (const [userId, a] of data.annotators) {
    a.flagged = flagged.has(userId);
    a.flagReason = flagged.get(userId) ?? null;
  }
  return data;
}

/**
 * The report from the reduction. Gold pairs (an image against its own broken copy says nothing
 * about models) and excluded annotators are left out of the statistics; annotator quality in the
 * annotator table covers every judgment, gold and excluded included: that is where a researcher
 * sees why someone was excluded.
 */
function analysisOf(
  data: CampaignData,
  settings: ResultsSettings,
  read: {
    rule: ReturnType<typeof exclusionRule>;
    quality: ReadonlyMap<string, AnnotatorQuality>;
    reduction: CampaignReduction;
    generation: ReportJson["generation"];
    /** The statistics of the reduction (campaignStatsFromInputs of reducedCriteria). */
    stats: CampaignStats;
    /** The head-to-heads with the excluded annotators' votes put back; null when nobody is excluded. */
    withExcluded: CriterionHeadToHeads[] | null;
  },
): CampaignAnalysis {
  const { rule, quality, reduction, stats, withExcluded } = read;
  const answers = reduction.answers.annotators;
  const pseudonym = pseudonymOf(data);
  let judgments = 0,
    gold = 0,
    excluded = 0,
    newest = -Infinity;
  for (const a of answers) {
    judgments += a.judgments;
    gold += a.onGold;
    if (rule.excluded(a.annotatorId)) excluded += a.judgments - a.onGold;
    newest = Math.max(newest, a.newest);
  }
  const annotators: AnnotatorRow[] = [...quality.values()].map((q) => {
    const reason = rule.reasons.get(q.annotatorId) ?? null;
    return {
      annotator: q.annotatorId,
      judgments: q.judgments,
      excluded: reason !== null,
      reason,
      goldAnswered: q.goldAnswered,
      goldAccuracy: q.goldAccuracy,
      comparedWithOthers: q.comparedWithOthers,
      agreementWithMajority: q.agreementWithMajority,
      medianSeconds: q.medianSeconds,
      flags: q.flags,
      signals: q.signals,
    };
  });
  const excludedAnnotators = [...rule.reasons].filter(([, r]) => r !== null).map(([a]) => a);
  const snapshot = {
    time: judgments > 0 ? new Date(newest).toISOString() : null,
    judgments,
    analysed: judgments - gold - excluded,
    gold,
    excluded,
  };
  const withExcludedAnnotators =
    excluded > 0 && withExcluded
      ? {
          annotators: excludedAnnotators.sort(),
          judgments: excluded,
          criteria: withExcluded,
        }
      : null;
  const report = reportOf(data, settings, {
    stats,
    annotators,
    flagged: excludedAnnotators.filter((a) => !settings.exclude.includes(a)),
    dataSnapshot: snapshot,
    generation: read.generation,
    withExcludedAnnotators,
  });
  const sequential =
    data.stopRule.stopWhenDecided || data.campaign.pairDesign === "adaptive"
      ? sequentialFigures(data, reduction, data.stopRule, { judgments, imageCost: read.generation.cost })
      : null;
  return { report, sequential, ...pageFigures(data, reduction, answers, pseudonym) };
}

/** The gallery's tallies, the progress per criterion and the annotators' activity, from the same reduction. */
function pageFigures(
  data: CampaignData,
  reduction: CampaignReduction,
  answers: readonly AnnotatorTotals[],
  pseudonym: (userId: string) => string,
) {
  const votes = new Map<string, CampaignAnalysis["pairVotes"][number]>();
  const perCriterion = new Map<string, Map<string, number>>();
  const sum = (xs: readonly number[]) => xs.reduce((s, n) => s + n, 0);
  for (const { criterionId, pairId, votes: analysed, excluded } of reduction.cells) {
    const pairs = perCriterion.get(criterionId) ?? new Map<string, number>();
    perCriterion.set(criterionId, pairs.set(pairId, (pairs.get(pairId) ?? 0) + sum(analysed) + sum(excluded)));
    if (sum(analysed) === 0) continue;
    let pair = votes.get(pairId);
    if (!pair)
      votes.set(pairId, (pair = { pairId, category: data.pairs.get(pairId)?.category ?? null, byCriterion: [] }));
    let v = pair.byCriterion.find((x) => x.criterionId === criterionId);
    if (!v) pair.byCriterion.push((v = { criterionId, a: 0, b: 0, t: 0 }));
    // PairVotes order: A (model A left, right), B (…), tie (…).
    v.a += analysed[0] + analysed[1];
    v.b += analysed[2] + analysed[3];
    v.t += analysed[4] + analysed[5];
  }
  const progress = data.criteria.map((c) => {
    const counts = [...(perCriterion.get(c.id)?.values() ?? [])];
    return {
      criterionId: c.id,
      judgments: counts.reduce((s, n) => s + n, 0),
      complete: counts.filter((n) => n >= c.judgmentsPerPair).length,
    };
  });
  const activity = answers.map((a) => ({
    userId: a.annotatorId,
    pseudonym: pseudonym(a.annotatorId),
    judgments: a.judgments,
    goldAnswered: a.goldAnswered,
    goldCorrect: a.goldCorrect,
    medianMs: medianMilliseconds(a.seconds),
  }));
  const categories = [
    ...new Set([...data.pairs.values()].filter((p) => !p.isGold && p.category).map((p) => p.category!)),
  ].sort();
  return { pairVotes: [...votes.values()], categories, progress, activity };
}

function reportOf(
  data: CampaignData,
  settings: ResultsSettings,
  parts: Pick<ReportJson, "stats" | "annotators" | "dataSnapshot" | "generation" | "withExcludedAnnotators"> & {
    flagged: string[];
  },
): ReportJson {
  // The reference model is resolved when the results are read (withReference): kept results serve every one.
  const { exclude, excludeFlagged, reference: _, ...rest } = settings;
  const report: ReportJson = {
    schema: "photogenic.report/1",
    campaign: {
      id: data.campaign.id,
      name: data.campaign.name,
      status: data.campaign.status,
      protocolVersion: data.campaign.protocolVersion,
      previousVersionId: data.campaign.previousVersionId,
      createdAt: data.campaign.createdAt.toISOString(),
      promptSet: data.campaign.promptSet,
    },
    protocol: {
      models: data.models,
      pairDesign: data.campaign.pairDesign,
      baselineModel: data.baselineModel,
      seedsPerPrompt: data.campaign.seedsPerPrompt,
      goldRate: data.campaign.goldRate,
      criteria: data.criteria.map(({ key, question, showPrompt, choices, judgmentsPerPair }) => ({
        key,
        question,
        showPrompt,
        choices,
        judgmentsPerPair,
      })),
    },
    settings: {
      ...rest,
      reference: null,
      excludedAnnotators: [...exclude].sort(),
      excludeFlagged: excludeFlagged === null ? data.campaign.excludeFlagged : excludeFlagged.length > 0,
      flagSignals: excludeFlagged,
      flaggedAnnotatorsExcluded: [...parts.flagged].sort(),
    },
    bootstrapSeed: settings.seed,
    codeVersion: codeVersion(),
    dataSnapshot: parts.dataSnapshot,
    annotators: parts.annotators,
    generation: parts.generation,
    stats: parts.stats,
    withExcludedAnnotators: parts.withExcludedAnnotators,
  };
  return toReportJson(report) as ReportJson;
}
