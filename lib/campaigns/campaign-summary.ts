import "server-only";
import { db } from "../db";
import { liveResults } from "../results/live-results";
import type { ReportJson } from "../results/report-json";
import type { CurrentUser } from "../auth/guard";
import { campaignNotFound, ownedBy } from "./owned-campaign";
import { stoppingSummary, type StoppingSummary } from "./stopping-summary";
import { criterionHead, judgmentCount, pairCounts, type CriterionHead } from "./counts";
import { itemCampaignSummary, type ItemSummary } from "./item-summary";
import { annotatorLabels } from "./annotator-labels";

export interface WinRateRow {
  criterion: string;
  model: string;
  opponent: string;
  pairs: number;
  win: number;
  tie: number;
  loss: number;
  /** (wins + ½ ties) / pairs, with its 95% Wilson interval. */
  winRate: number;
  lower: number;
  upper: number;
}

export interface CampaignSummary {
  id: string;
  name: string;
  status: string;
  /** pairwise, or an item task type (rating, ranking): then `items` holds its progress and figures, and the pairwise fields (pairs, criteria, left share, win rates) are empty. */
  taskType: string;
  items: ItemSummary | null;
  /** Regular pairs (model against model); gold pairs apart (lib/campaigns/counts.ts pairCounts). */
  pairs: number;
  goldPairs: number;
  criteria: (CriterionHead & { judgments: number; pairsComplete: number })[];
  /** Every judgment recorded (a rating or ranking campaign: every rating or ranking), gold pairs included; of them on gold pairs; in the last hour (counts.ts judgmentCount). */
  judgments: number;
  judgmentsOnGold: number;
  annotators: number;
  judgmentsLastHour: number;
  /** Judgments per hour over the last 12 hours, oldest first. */
  hourly: number[];
  /** Share of decisive answers (left or right) that chose the left image; 0.5 is no position bias. */
  leftShare: number | null;
  perAnnotator: {
    /** The annotator's pseudonym in this campaign, as the results and exports name them. */
    pseudonym: string;
    /** The account's name or e-mail; for a crowd worker the platform and their id (the owner pays by it). */
    label: string;
    crowdId: string | null;
    judgments: number;
    goldJudged: number;
    goldCorrect: number;
    medianMs: number | null;
    flagged: string | null;
    /** Quality signals shown for the researcher to judge (rating, ranking: lib/stats/item-signals.ts); none for pairwise, whose are on the results page. */
    signals: string[];
  }[];
  winRates: WinRateRow[];
  /** Seconds until every pair is complete at the last hour's pace; null when idle or done. */
  etaSeconds: number | null;
  /** The stopping rule and the sequences per comparison (lib/campaigns/stopping-summary.ts). */
  stopping: StoppingSummary;
}

/**
 * The researcher's live view: progress, pace, annotators, position bias, current win rates. Reads
 * kept counters and the results page's kept figures (lib/results/live-results.ts), never the
 * judgments themselves, so a poll costs the same at a hundred judgments and at a million.
 */
export async function campaignSummary(user: CurrentUser, campaignId: string): Promise<CampaignSummary> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    include: { criteria: { orderBy: { position: "asc" } } },
  });
  if (!campaign) throw campaignNotFound();
  if (campaign.taskType === "rating" || campaign.taskType === "ranking") return itemCampaignSummary(user, campaign);
  const [pairCount, live] = await Promise.all([pairCounts([campaignId]), liveResults(user, campaignId)]);
  const { regular: pairs, gold: goldPairs } = pairCount.get(campaignId)!;
  const { report, progress, activity } = live.analysis;
  const counts = new Map(progress.map((p) => [p.criterionId, p]));
  const criteria = campaign.criteria.map((c) => ({
    ...criterionHead(c),
    judgments: counts.get(c.id)?.judgments ?? 0,
    pairsComplete: counts.get(c.id)?.complete ?? 0,
  }));
  const judgments = judgmentCount(live.judgments, report.dataSnapshot.gold, live.hourly);
  const judgmentsLastHour = judgments.lastHour;
  const remaining = criteria.reduce((s, c) => s + Math.max(0, c.target * pairs - c.judgments), 0);
  let left = 0,
    decisive = 0;
  for (const c of report.stats.criteria) {
    left += c.positionBias.leftWins;
    decisive += c.positionBias.leftWins + c.positionBias.rightWins;
  }
  const busiest = [...activity].sort((x, y) => y.judgments - x.judgments).slice(0, 100);
  const who = await annotatorLabels(
    user,
    campaignId,
    busiest.map((a) => a.userId),
  );
  const flag = new Map(live.flagged);
  const stopping = await stoppingSummary(campaign, live.analysis.sequential);
  return {
    id: campaign.id,
    name: campaign.name,
    status: stopping.status,
    taskType: campaign.taskType,
    items: null,
    pairs,
    goldPairs,
    criteria,
    judgments: judgments.total,
    judgmentsOnGold: judgments.onGold,
    annotators: activity.length,
    judgmentsLastHour,
    hourly: live.hourly,
    leftShare: decisive > 0 ? left / decisive : null,
    perAnnotator: busiest.map((a) => ({
      pseudonym: a.pseudonym,
      ...who(a.userId),
      judgments: a.judgments,
      goldJudged: a.goldAnswered,
      goldCorrect: a.goldCorrect,
      medianMs: a.medianMs === null ? null : Math.round(a.medianMs),
      flagged: flag.get(a.userId) ?? null,
      signals: [],
    })),
    winRates: liveWinRates(report),
    etaSeconds: remaining > 0 && judgmentsLastHour > 0 ? Math.round((remaining / judgmentsLastHour) * 3600) : null,
    stopping,
  };
}

/** The results page's head-to-heads (default settings: majority per pair, ties half) with their Wilson intervals. */
export function liveWinRates(report: ReportJson): WinRateRow[] {
  return report.stats.criteria.flatMap((c) =>
    c.headToHead.map((h) => ({
      criterion: c.criterion ?? "",
      model: h.model,
      opponent: h.opponent,
      pairs: h.counts.total,
      win: h.counts.win,
      tie: h.counts.tie,
      loss: h.counts.loss,
      winRate: h.winRateTiesHalf.estimate,
      lower: h.winRateTiesHalf.wilson.lower,
      upper: h.winRateTiesHalf.wilson.upper,
    })),
  );
}
