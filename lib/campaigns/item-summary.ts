import "server-only";
import type { CurrentUser } from "../auth/guard";
import { run } from "../db/prepared";
import { keptCounters } from "../results/live-results";
import { cachedResults } from "../results/results-cache";
import { DEFAULT_RESULTS_SETTINGS } from "../results/settings";
import { annotatorPseudonym } from "../results/pseudonyms";
import { ratingResults } from "../rating/rating-results";
import { estimateInterval } from "../rating/rating-figures";
import { RATING_SUMMARY } from "../rating/statements";
import { rankingResults } from "../ranking/ranking-results";
import { RANKING_SUMMARY } from "../ranking/statements";
import { itemAnswerSignals } from "../stats/item-signals";
import type { CampaignSummary } from "./campaign-summary";
import { annotatorLabels } from "./annotator-labels";
import { criterionHead, judgmentCount, type CriterionHead } from "./counts";
import { stoppingSummary } from "./stopping-summary";

/** A rating or ranking campaign's progress and live figures, as its campaign page shows them. */
export interface ItemSummary {
  /** What one answer is, and what is answered: a rating of an image, a ranking of a set. */
  answer: "rating" | "ranking";
  unit: "image" | "set";
  /** Images to rate or sets to rank. */
  items: number;
  /** Per aspect (a ranking campaign: its one question): answers, the target per item, items with it met. */
  progress: (CriterionHead & { answers: number; complete: number })[];
  /** The results page's figures now (default settings, kept; flagged annotators as the campaign says). */
  figures: {
    caption: string;
    /** Decimals to show the estimates with. */
    digits: number;
    rows: { group: string; model: string; estimate: number; lower: number | null; upper: number | null; n: number }[];
  };
}

type ItemCampaign = Parameters<typeof stoppingSummary>[0] & {
  id: string;
  name: string;
  taskType: string;
  minJudgmentMs: number;
  criteria: { id: string; key: string; question: string; label: string | null; judgmentsPerPair: number }[];
};

/**
 * The live summary of a rating or ranking campaign (campaignSummary's, for the item task types):
 * its images or sets, answers per aspect and complete items, answers now and per hour (the kept
 * counters, which count ratings and rankings), per annotator their answers, median time, flag and
 * quality signals (lib/stats/item-signals.ts), and the results page's own figures, kept (stale
 * allowed, as for pairwise): per aspect and model the mean rating, or the Plackett–Luce leaderboard.
 * The per-aspect and per-annotator counts read the campaign's answers in SQL, kept per data state
 * like the figures (a poll during voting answers from the last counts and refreshes them behind).
 */
export async function itemCampaignSummary(user: CurrentUser, campaign: ItemCampaign): Promise<CampaignSummary> {
  const rating = campaign.taskType === "rating";
  const statements = rating ? RATING_SUMMARY : RANKING_SUMMARY;
  // The answers counted per aspect and annotator (the answers read once in SQL), kept per data
  // state like the figures, so a poll reads them only after answers came (and then not waiting).
  const readCounts = async () => ({
    progressRows: await run(statements.PROGRESS, [campaign.id]),
    annotatorRows: await run(statements.ANNOTATORS, [campaign.id]),
  });
  const [{ value: answerCounts }, counters, figures] = await Promise.all([
    cachedResults(campaign.id, DEFAULT_RESULTS_SETTINGS, readCounts, { stale: true, part: "live-summary-counts" }),
    keptCounters(campaign.id),
    rating ? ratingFigureRows(user, campaign) : rankingFigureRows(user, campaign.id),
  ]);
  const { progressRows, annotatorRows } = answerCounts;
  const items = progressRows[0]?.items ?? 0;
  const byId = new Map(progressRows.map((p) => [p.criterionId, p]));
  const progress = campaign.criteria.map((c) => ({
    ...criterionHead(c),
    answers: byId.get(c.id)?.answers ?? 0,
    complete: byId.get(c.id)?.complete ?? 0,
  }));
  const count = judgmentCount(counters.judgments, 0, counters.hourly);
  const remaining = progress.reduce((s, p) => s + Math.max(0, p.target * items - p.answers), 0);
  const busiest = [...annotatorRows].sort((x, y) => y.answers - x.answers).slice(0, 100);
  const who = await annotatorLabels(
    user,
    campaign.id,
    busiest.map((a) => a.annotatorId),
  );
  const flag = new Map(counters.flagged);
  const stopping = await stoppingSummary(campaign, null);
  return {
    id: campaign.id,
    name: campaign.name,
    status: stopping.status,
    taskType: campaign.taskType,
    items: { answer: rating ? "rating" : "ranking", unit: rating ? "image" : "set", items, progress, figures },
    pairs: 0,
    goldPairs: 0,
    criteria: [],
    judgments: count.total,
    judgmentsOnGold: 0,
    annotators: annotatorRows.length,
    judgmentsLastHour: count.lastHour,
    hourly: counters.hourly,
    leftShare: null,
    perAnnotator: busiest.map((a) => ({
      pseudonym: annotatorPseudonym(campaign.id, a.annotatorId),
      ...who(a.annotatorId),
      judgments: a.answers,
      goldJudged: 0,
      goldCorrect: 0,
      medianMs: a.medianMs === null ? null : Math.round(a.medianMs),
      flagged: flag.get(a.annotatorId) ?? null,
      signals: itemAnswerSignals(a, rating ? "rating" : "ranking", campaign.minJudgmentMs),
    })),
    winRates: [],
    etaSeconds: remaining > 0 && count.lastHour > 0 ? Math.round((remaining / count.lastHour) * 3600) : null,
    stopping,
  };
}

async function ratingFigureRows(user: CurrentUser, campaign: ItemCampaign): Promise<ItemSummary["figures"]> {
  const report = await ratingResults(user, campaign.id, DEFAULT_RESULTS_SETTINGS, { stale: true });
  const label = new Map(campaign.criteria.map((c) => [c.key, c.label ?? c.key.replace(/_/g, " ")]));
  return {
    caption: `Mean rating per aspect and model, ${Math.round(report.settings.level * 100)}% interval`,
    digits: 2,
    rows: report.stats.flatMap((a) =>
      a.models.map((m) => {
        const interval = estimateInterval(m.mean).interval;
        return {
          group: label.get(a.aspect) ?? a.aspect,
          model: m.model,
          estimate: m.mean.estimate,
          lower: interval?.lower ?? null,
          upper: interval?.upper ?? null,
          n: m.ratings,
        };
      }),
    ),
  };
}

async function rankingFigureRows(user: CurrentUser, campaignId: string): Promise<ItemSummary["figures"]> {
  const report = await rankingResults(user, campaignId, DEFAULT_RESULTS_SETTINGS, { stale: true });
  const board = report.plackettLuce;
  return {
    caption: `Plackett–Luce leaderboard, ${Math.round(report.settings.level * 100)}% interval (n: two-image comparisons broken from the rankings)`,
    digits: 0,
    rows: (board?.rows ?? []).map((r) => ({
      group: `#${r.rank}`,
      model: r.model,
      estimate: r.rating,
      lower: r.lower,
      upper: r.upper,
      n: r.games,
    })),
  };
}
