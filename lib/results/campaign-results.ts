import "server-only";
import type { CurrentUser } from "../auth/guard";
import {
  annotatorQuality,
  computeCampaignStats,
  computeHeadToHeads,
  toReportJson,
  type AnnotatorQuality,
  type CrowdSignal,
  type Judgment,
} from "../stats";
import { AppError } from "../errors";
import { annotatorQualityOptions, qualityJudgment } from "./annotator-signals";
import { loadCampaignData, type CampaignData } from "./campaign-data";
import { codeVersion } from "./code-version";
import { describeFlag } from "./flag-reasons";
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
  const known = new Set([...data.annotators.values()].map((a) => a.pseudonym));
  const unknown = settings.exclude.filter((p) => !known.has(p));
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
  const pseudonym = (userId: string) => data.annotators.get(userId)?.pseudonym ?? "";
  return {
    /** By pseudonym (the statistics' annotator id). */
    reasons: reasons as ReadonlyMap<string, string | null>,
    reason: (userId: string): string | null => reasons.get(pseudonym(userId)) ?? null,
    excluded: (userId: string) => (reasons.get(pseudonym(userId)) ?? null) !== null,
  };
}

/**
 * Reads the campaign (judgments in keyset pages), computes every annotator's quality over all
 * their judgments, leaves out gold pairs (an image against its own broken copy says nothing about
 * models) and excluded annotators (exclusionRule), and computes the statistics — and, when anyone
 * is excluded, the head-to-heads with them put back (`withExcludedAnnotators`), so the effect of
 * the exclusion is in plain view. Annotator quality in the annotator table covers every judgment,
 * gold and excluded included: that is where a researcher sees why someone was excluded.
 */
export async function analyseCampaign(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
): Promise<CampaignAnalysis> {
  const data = await loadCampaignData(user, campaignId);
  exclusionRule(data, settings, new Map()); // a typo in `exclude` is refused before anything is read
  const forQuality: Judgment[] = [];
  const models: Judgment[] = [];
  let judgments = 0,
    gold = 0;
  let newest: Date | null = null;
  for await (const page of judgmentRows(data, () => false)) {
    for (const row of page) {
      judgments++;
      if (newest === null || row.createdAt > newest) newest = row.createdAt;
      const j = toStatsJudgment(row);
      forQuality.push(qualityJudgment(row, j));
      if (row.gold) gold++;
      else models.push(j);
    }
  }
  const quality = annotatorQuality(forQuality, await annotatorQualityOptions(data));
  const rule = exclusionRule(data, settings, new Map(quality.map((q) => [q.annotatorId, q])));
  const isExcluded = (j: Judgment) => (rule.reasons.get(j.annotatorId ?? "") ?? null) !== null;
  const analysed = models.filter((j) => !isExcluded(j));
  const excluded = models.length - analysed.length;

  const statsSettings = statsSettingsFor(settings, data.baselineModel);
  const stats = computeCampaignStats(analysed, statsSettings);
  const annotators: AnnotatorRow[] = quality.map((q) => {
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
  const flagged = excludedAnnotators.filter((a) => !settings.exclude.includes(a));
  const { exclude, excludeFlagged, ...rest } = settings;
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
      excludeFlagged: excludeFlagged === null ? data.campaign.excludeFlagged : excludeFlagged.length > 0,
      flagSignals: excludeFlagged,
      flaggedAnnotatorsExcluded: flagged.sort(),
    },
    bootstrapSeed: settings.seed,
    codeVersion: codeVersion(),
    dataSnapshot: { time: newest?.toISOString() ?? null, judgments, analysed: analysed.length, gold, excluded },
    annotators,
    generation: await campaignGenerationSummary(data.campaign.id, data.models),
    stats,
    withExcludedAnnotators:
      excluded > 0
        ? {
            annotators: excludedAnnotators.sort(),
            judgments: excluded,
            criteria: computeHeadToHeads(models, statsSettings),
          }
        : null,
  };
  return { report: toReportJson(report) as ReportJson, data, analysed };
}
