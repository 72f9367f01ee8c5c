import "server-only";
import { db } from "../db";
import { run } from "../db/prepared";
import { ANNOTATOR_ACTIVITY, CRITERION_PROGRESS, HOURLY_JUDGMENTS } from "./statements";
import type { CurrentUser } from "../auth/guard";
import { aggregateByMajority, countOutcomes, wilsonInterval, winRates } from "../stats/index";
import { goldRecords } from "../gold/gold-accuracy";
import { campaignNotFound, ownedBy } from "./owned-campaign";
import { resultJudgments } from "./result-judgments";

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
  pairs: number;
  goldPairs: number;
  criteria: { id: string; key: string; question: string; target: number; judgments: number; pairsComplete: number }[];
  judgments: number;
  annotators: number;
  judgmentsLastHour: number;
  /** Judgments per hour over the last 12 hours, oldest first. */
  hourly: number[];
  /** Share of decisive answers (left or right) that chose the left image; 0.5 is no position bias. */
  leftShare: number | null;
  perAnnotator: {
    label: string;
    judgments: number;
    goldJudged: number;
    goldCorrect: number;
    medianMs: number | null;
    flagged: string | null;
  }[];
  winRates: WinRateRow[];
  /** Seconds until every pair is complete at the last hour's pace; null when idle or done. */
  etaSeconds: number | null;
}

/** The researcher's live view: progress, pace, annotators, position bias, current win rates. */
export async function campaignSummary(user: CurrentUser, campaignId: string): Promise<CampaignSummary> {
  const campaign = await db.campaign.findFirst({
    where: { id: campaignId, ...ownedBy(user) },
    include: { criteria: { orderBy: { position: "asc" } } },
  });
  if (!campaign) throw campaignNotFound();
  const [pairs, goldPairs, perCriterion, hourlyRows, annotatorRows, gold, judgments] = await Promise.all([
    db.pair.count({ where: { campaignId, isGold: false } }),
    db.pair.count({ where: { campaignId, isGold: true } }),
    run(CRITERION_PROGRESS, [campaignId], db),
    run(HOURLY_JUDGMENTS, [campaignId], db),
    run(ANNOTATOR_ACTIVITY, [campaignId], db),
    goldRecords(campaignId),
    resultJudgments(campaignId),
  ]);
  const counts = new Map(perCriterion.map((r) => [r.criterionId, r]));
  const criteria = campaign.criteria.map((c) => ({
    id: c.id,
    key: c.key,
    question: c.question,
    target: c.judgmentsPerPair,
    judgments: counts.get(c.id)?.judgments ?? 0,
    pairsComplete: counts.get(c.id)?.complete ?? 0,
  }));
  const hourly = Array.from({ length: 12 }, (_, i) => hourlyRows.find((r) => r.hoursAgo === 11 - i)?.judgments ?? 0);
  const judgmentsLastHour = hourly[11];
  const remaining = criteria.reduce((s, c) => s + Math.max(0, c.target * pairs - c.judgments), 0);
  const goldBy = new Map(gold.map((g) => [g.annotatorId, g]));
  const decisive = judgments.filter((j) => j.winner !== "tie");
  const leftWins = decisive.filter((j) => (j.winner === "A" ? j.modelA : j.modelB) === j.leftModel).length;

  return {
    id: campaign.id,
    name: campaign.name,
    status: campaign.status,
    pairs,
    goldPairs,
    criteria,
    judgments: criteria.reduce((s, c) => s + c.judgments, 0),
    annotators: annotatorRows.length,
    judgmentsLastHour,
    hourly,
    leftShare: decisive.length ? leftWins / decisive.length : null,
    perAnnotator: annotatorRows.map((r) => ({
      label: r.label ?? r.annotatorId,
      judgments: r.judgments,
      goldJudged: goldBy.get(r.annotatorId)?.judged ?? 0,
      goldCorrect: goldBy.get(r.annotatorId)?.correct ?? 0,
      medianMs: r.medianMs === null ? null : Math.round(r.medianMs),
      flagged: r.flagged,
    })),
    winRates: liveWinRates(judgments),
    etaSeconds: remaining > 0 && judgmentsLastHour > 0 ? Math.round((remaining / judgmentsLastHour) * 3600) : null,
  };
}

/** Per criterion and model pair: majority per pair, then win/tie/loss and ties-half with a Wilson interval. */
function liveWinRates(judgments: Awaited<ReturnType<typeof resultJudgments>>): WinRateRow[] {
  const rows: WinRateRow[] = [];
  const byCriterion = new Map<string, typeof judgments>();
  for (const j of judgments) {
    const key = j.criterion ?? "";
    if (!byCriterion.has(key)) byCriterion.set(key, []);
    byCriterion.get(key)!.push(j);
  }
  for (const [criterion, list] of byCriterion) {
    const units = aggregateByMajority(list);
    const matchups = new Map(units.map((u) => [`${u.modelA}\u0000${u.modelB}`, [u.modelA, u.modelB] as const]));
    for (const [model, opponent] of matchups.values()) {
      const c = countOutcomes(units, model, opponent);
      if (c.total === 0) continue;
      const interval = wilsonInterval(c.win + c.tie / 2, c.total);
      rows.push({
        criterion,
        model,
        opponent,
        pairs: c.total,
        win: c.win,
        tie: c.tie,
        loss: c.loss,
        winRate: winRates(c).winRateTiesHalf,
        lower: interval.lower,
        upper: interval.upper,
      });
    }
  }
  return rows;
}
