import "server-only";
import { db } from "../db";
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
    db.$queryRaw<{ criterionId: string; judgments: bigint; complete: bigint }[]>`
      SELECT c.id AS "criterionId", coalesce(sum(j.n), 0) AS judgments, count(j.n) FILTER (WHERE j.n >= c."judgmentsPerPair") AS complete
      FROM "Criterion" c
      LEFT JOIN (SELECT j."criterionId", j."pairId", count(*) AS n FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
                 WHERE p."campaignId" = ${campaignId} AND NOT p."isGold" GROUP BY 1, 2) j ON j."criterionId" = c.id
      WHERE c."campaignId" = ${campaignId}
      GROUP BY c.id`,
    db.$queryRaw<{ h: number; n: bigint }[]>`
      SELECT floor(extract(epoch FROM now() - j."createdAt") / 3600)::int AS h, count(*) AS n
      FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
      WHERE p."campaignId" = ${campaignId} AND j."createdAt" > now() - interval '12 hours'
      GROUP BY 1`,
    db.$queryRaw<
      { annotatorId: string; label: string | null; n: bigint; medianMs: number | null; flagged: string | null }[]
    >`
      SELECT j."annotatorId", coalesce(u.name, u.email) AS label, count(*) AS n,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY j."latencyMs") AS "medianMs",
             max(pa."flagReason") AS flagged
      FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" JOIN "User" u ON u.id = j."annotatorId"
      LEFT JOIN "Participation" pa ON pa."campaignId" = p."campaignId" AND pa."userId" = j."annotatorId"
      WHERE p."campaignId" = ${campaignId}
      GROUP BY 1, 2 ORDER BY n DESC LIMIT 100`,
    goldRecords(campaignId),
    resultJudgments(campaignId),
  ]);
  const counts = new Map(perCriterion.map((r) => [r.criterionId, r]));
  const criteria = campaign.criteria.map((c) => ({
    id: c.id,
    key: c.key,
    question: c.question,
    target: c.judgmentsPerPair,
    judgments: Number(counts.get(c.id)?.judgments ?? 0),
    pairsComplete: Number(counts.get(c.id)?.complete ?? 0),
  }));
  const hourly = Array.from({ length: 12 }, (_, i) => Number(hourlyRows.find((r) => r.h === 11 - i)?.n ?? 0));
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
      judgments: Number(r.n),
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
