import "server-only";
import { AppError } from "../errors";
import { inSnapshot, run } from "../db/prepared";
import {
  annotatorQualityFromTallies,
  campaignStatsFromInputs,
  criterionInputFromReduction,
  toReportJson,
} from "../stats";
import { loadCampaignData, type CampaignData } from "./campaign-data";
import { codeVersion } from "./code-version";
import { annotatorTally, readReduction, reducedCriteria, type CampaignReduction } from "./reductions";
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
import { winnerOf } from "./winner";

/**
 * A campaign's results: the report and what the page, the exports and the live summary show
 * beside it, all from one reduction of the judgments (lib/results/reductions.ts). Plain JSON, so
 * it is kept as computed (lib/results/results-cache.ts).
 */
export interface CampaignAnalysis {
  report: ReportJson;
  /** Per pair with analysed votes: its category and its votes over every criterion, for model A, for model B, ties (the gallery's tallies). */
  pairVotes: { pairId: string; category: string | null; a: number; b: number; t: number }[];
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
  /** Where this answer came from (not part of the kept results). */
  cache?: CacheSource;
}

/**
 * Which annotators' judgments are left out: flagged ones when the campaign says so, and those the
 * settings name. An unknown pseudonym in the settings is a 422 naming `exclude` (a typo would
 * otherwise silently change nothing).
 */
export function exclusionRule(data: CampaignData, settings: ResultsSettings) {
  const known = new Set([...data.annotators.values()].map((a) => a.pseudonym));
  const unknown = settings.exclude.filter((p) => !known.has(p));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION", `Invalid results settings: exclude: no annotator ${unknown[0]} in this campaign`, [
      { field: "exclude", message: `unknown annotator ${unknown.join(", ")}` },
    ]);
  }
  const bySettings = new Set(settings.exclude);
  const reason = (userId: string): string | null => {
    const a = data.annotators.get(userId);
    if (!a) return null;
    if (bySettings.has(a.pseudonym)) return "excluded in settings";
    if (data.campaign.excludeFlagged && a.flagged) return `flagged: ${a.flagReason ?? "quality check"}`;
    return null;
  };
  return { reason, excluded: (userId: string) => reason(userId) !== null };
}

/** Every figure of a campaign with the record of how it was made (see ReportJson). */
export async function campaignResults(campaignId: string, settings: ResultsSettings): Promise<ReportJson> {
  return (await analyseCampaign(campaignId, settings)).report;
}

/**
 * A campaign's results under `settings`. Kept results answer when nothing they depend on changed
 * (no judgment added or undone, no flag, no campaign edit: results-cache.ts); otherwise one
 * reduction of the judgments in PostgreSQL is read in a single snapshot and the statistics are
 * computed from it. `stale: true` (the live summary) accepts kept results that lack only the
 * newest judgments (same flags, same campaign) and refreshes them in the background, so a poll
 * during voting never waits for a computation.
 * 404 when the campaign does not exist; ownership is the caller's check.
 */
export async function analyseCampaign(
  campaignId: string,
  settings: ResultsSettings,
  options: { stale?: boolean } = {},
): Promise<CampaignAnalysis> {
  const [state] = await run(RESULTS_STATE, [campaignId]);
  if (!state) throw new AppError("NOT_FOUND", "Campaign not found");
  const address = cacheAddress(campaignId, settings);
  const wanted = stateKey(state);
  const kept = await keptResults<CampaignAnalysis>(address, wanted);
  if (kept && kept.stateKey === wanted) return { ...kept.value, cache: kept.source };
  const refresh = () => singleFlight(address, wanted, () => computeAndKeep(address, settings));
  if (kept && options.stale && onlyJudgmentsMoved(kept.stateKey, wanted)) {
    refresh().catch(() => {}); // a failure shows on the next visit that needs fresh results
    return { ...kept.value, cache: "stale" };
  }
  return { ...(await refresh()), cache: "computed" };
}

async function computeAndKeep(address: CacheAddress, settings: ResultsSettings): Promise<CampaignAnalysis> {
  const { state, analysis } = await computeAnalysis(address.campaignId, settings);
  await keepResults(address, stateKey(state), analysis);
  return analysis;
}

/**
 * One snapshot: the state first (so the dictionaries, read after it, know every pair and
 * annotator it holds), the exclusion rule under the snapshot's flags, then the reduction.
 */
async function computeAnalysis(campaignId: string, settings: ResultsSettings) {
  return inSnapshot(
    async (client) => {
      const [state] = await run(RESULTS_STATE, [campaignId], client);
      if (!state) throw new AppError("NOT_FOUND", "Campaign not found");
      const data = withFlags(await loadCampaignData(campaignId), state);
      const rule = exclusionRule(data, settings);
      const excluded = [...data.annotators.keys()].filter(rule.excluded);
      const reduction = await readReduction(client, data, excluded, settings.aggregation === "dawid-skene");
      return { state, analysis: analysisOf(data, settings, rule, reduction) };
    },
    { workMem: "256MB" },
  );
}

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
  rule: ReturnType<typeof exclusionRule>,
  reduction: CampaignReduction,
): CampaignAnalysis {
  const statsSettings = statsSettingsFor(settings, data.baselineModel);
  const stats = campaignStatsFromInputs(
    reducedCriteria(data, reduction).map((c) => criterionInputFromReduction(c, statsSettings)),
    statsSettings,
  );
  const pseudonym = (userId: string) => data.annotators.get(userId)?.pseudonym ?? userId;
  const reasons = new Map<string, string | null>();
  for (const [userId, a] of data.annotators) reasons.set(a.pseudonym, rule.reason(userId));
  const everyone = reduction.tallies.filter((row) => row[1] === null);
  let judgments = 0,
    gold = 0,
    excluded = 0,
    newest = -Infinity;
  for (const [userId, , n, onGold, , , , , , at] of everyone) {
    judgments += n;
    gold += onGold;
    if (rule.excluded(userId)) excluded += n - onGold;
    newest = Math.max(newest, at);
  }
  const annotators: AnnotatorRow[] = annotatorQualityFromTallies(
    everyone.map((row) => annotatorTally(row, pseudonym)),
  ).map((q) => ({
    annotator: q.annotatorId,
    judgments: q.judgments,
    excluded: (reasons.get(q.annotatorId) ?? null) !== null,
    reason: reasons.get(q.annotatorId) ?? null,
    goldAnswered: q.goldAnswered,
    goldAccuracy: q.goldAccuracy,
    comparedWithOthers: q.comparedWithOthers,
    agreementWithMajority: q.agreementWithMajority,
    medianSeconds: q.medianSeconds,
  }));
  const flagged = [...data.annotators.values()]
    .filter((a) => data.campaign.excludeFlagged && a.flagged && !settings.exclude.includes(a.pseudonym))
    .map((a) => a.pseudonym);
  const snapshot = {
    time: judgments > 0 ? new Date(newest).toISOString() : null,
    judgments,
    analysed: judgments - gold - excluded,
    gold,
    excluded,
  };
  return {
    report: reportOf(data, settings, stats, annotators, flagged, snapshot),
    ...pageFigures(data, reduction, pseudonym),
  };
}

/** The gallery's tallies, the progress per criterion and the annotators' activity, from the same reduction. */
function pageFigures(data: CampaignData, reduction: CampaignReduction, pseudonym: (userId: string) => string) {
  const votes = new Map<string, CampaignAnalysis["pairVotes"][number]>();
  const perCriterion = new Map<string, Map<string, number>>();
  for (const [criterionId, pairId, choice, leftIsA, excluded, n] of reduction.cells) {
    const pairs = perCriterion.get(criterionId) ?? new Map<string, number>();
    perCriterion.set(criterionId, pairs.set(pairId, (pairs.get(pairId) ?? 0) + n));
    if (excluded) continue;
    let v = votes.get(pairId);
    if (!v) votes.set(pairId, (v = { pairId, category: data.pairs.get(pairId)?.category ?? null, a: 0, b: 0, t: 0 }));
    const w = winnerOf(choice, leftIsA);
    if (w === "A") v.a += n;
    else if (w === "B") v.b += n;
    else v.t += n;
  }
  const progress = data.criteria.map((c) => {
    const counts = [...(perCriterion.get(c.id)?.values() ?? [])];
    return {
      criterionId: c.id,
      judgments: counts.reduce((s, n) => s + n, 0),
      complete: counts.filter((n) => n >= c.judgmentsPerPair).length,
    };
  });
  const activity = reduction.tallies
    .filter((row) => row[1] === null)
    .map(([userId, , judgments, , goldAnswered, goldCorrect, , , middle]) => ({
      userId,
      pseudonym: pseudonym(userId),
      judgments,
      goldAnswered,
      goldCorrect,
      medianMs: middle ? (middle[0] + middle[1]) / 2 : null,
    }));
  const categories = [
    ...new Set([...data.pairs.values()].filter((p) => !p.isGold && p.category).map((p) => p.category!)),
  ].sort();
  return { pairVotes: [...votes.values()], categories, progress, activity };
}

function reportOf(
  data: CampaignData,
  settings: ResultsSettings,
  stats: ReportJson["stats"],
  annotators: AnnotatorRow[],
  flagged: string[],
  dataSnapshot: ReportJson["dataSnapshot"],
): ReportJson {
  const { exclude, ...rest } = settings;
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
      excludedAnnotators: [...exclude].sort(),
      excludeFlagged: data.campaign.excludeFlagged,
      flaggedAnnotatorsExcluded: flagged.sort(),
    },
    bootstrapSeed: settings.seed,
    codeVersion: codeVersion(),
    dataSnapshot,
    annotators,
    stats,
  };
  return toReportJson(report) as ReportJson;
}
