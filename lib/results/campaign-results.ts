import "server-only";
import type { CurrentUser } from "../auth/guard";
import { annotatorQuality, computeCampaignStats, toReportJson, type Judgment } from "../stats";
import { AppError } from "../errors";
import { loadCampaignData, type CampaignData } from "./campaign-data";
import { codeVersion } from "./code-version";
import { judgmentRows, toStatsJudgment } from "./judgment-rows";
import type { AnnotatorRow, ReportJson } from "./report-json";
import { statsSettingsFor, type ResultsSettings } from "./settings";
import { campaignGenerationSummary } from "../generation/generation-cost";

export interface CampaignAnalysis {
  report: ReportJson;
  data: CampaignData;
  /** The judgments that entered the statistics, in export order (the gallery tallies them). */
  analysed: Judgment[];
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
export async function campaignResults(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
): Promise<ReportJson> {
  return (await analyseCampaign(user, campaignId, settings)).report;
}

/**
 * Reads the campaign (judgments in keyset pages), leaves out gold pairs (an image against its own
 * broken copy says nothing about models) and excluded annotators, and computes the statistics.
 * Annotator quality in the annotator table covers every judgment, gold and excluded included:
 * that is where a researcher sees why someone was excluded.
 */
export async function analyseCampaign(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
): Promise<CampaignAnalysis> {
  const data = await loadCampaignData(user, campaignId);
  const rule = exclusionRule(data, settings);
  const analysed: Judgment[] = [];
  const everything: Judgment[] = [];
  const reasons = new Map<string, string | null>();
  let judgments = 0,
    gold = 0,
    excluded = 0;
  let newest: Date | null = null;
  for await (const page of judgmentRows(data, rule.excluded)) {
    for (const row of page) {
      judgments++;
      if (newest === null || row.createdAt > newest) newest = row.createdAt;
      const j = toStatsJudgment(row);
      everything.push(j);
      if (row.gold) gold++;
      else if (row.excluded) excluded++;
      else analysed.push(j);
    }
  }
  for (const [userId, a] of data.annotators) reasons.set(a.pseudonym, rule.reason(userId));

  const stats = computeCampaignStats(analysed, statsSettingsFor(settings, data.baselineModel));
  const annotators: AnnotatorRow[] = annotatorQuality(everything).map((q) => ({
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
    dataSnapshot: { time: newest?.toISOString() ?? null, judgments, analysed: analysed.length, gold, excluded },
    annotators,
    generation: await campaignGenerationSummary(data.campaign.id, data.models),
    stats,
  };
  return { report: toReportJson(report) as ReportJson, data, analysed };
}
