import { db } from "../../lib/db";
import type { CampaignData } from "../../lib/results/campaign-data";
import { csvLine } from "../../lib/results/csv";
import { pairFacts, type PairFacts } from "../../lib/results/pair-facts";
import { winnerOf } from "../../lib/results/winner";
import type { Judgment, Winner } from "../../lib/stats";

/**
 * The results' reference reading, for tests: every judgment of a campaign read through Prisma one
 * by one and turned, in JavaScript, into the export's row, its CSV line and the statistics'
 * record — the way the results were computed before they were reduced in PostgreSQL. The
 * pipeline (lib/results) is checked against it byte for byte.
 */
export interface JudgmentRow extends PairFacts {
  campaignId: string;
  leftModel: string;
  rightModel: string;
  criterion: string;
  choice: string;
  winner: Winner;
  winningModel: string;
  annotator: string;
  crowdIdHash: string | null;
  crowdSource: string | null;
  crowdId: string | null;
  latencyMs: number | null;
  createdAt: Date;
  gold: boolean;
  goldWinner: Winner | null;
  excluded: boolean;
}

/** Every judgment of the campaign as export rows, in judgment id order. `excluded(userId)` fills the excluded column. */
export async function judgmentRows(
  data: CampaignData,
  excluded: (annotatorId: string) => boolean,
): Promise<JudgmentRow[]> {
  const raw = await db.judgment.findMany({
    where: { pair: { campaignId: data.campaign.id } },
    orderBy: { id: "asc" },
    select: {
      pairId: true,
      criterionId: true,
      annotatorId: true,
      choice: true,
      leftImageId: true,
      latencyMs: true,
      createdAt: true,
    },
  });
  const criterionKey = new Map(data.criteria.map((c) => [c.id, c.key]));
  return raw.map((j) => {
    const pair = data.pairs.get(j.pairId)!;
    const leftIsA = j.leftImageId === pair.imageAId;
    const winner = winnerOf(j.choice, leftIsA);
    const annotator = data.annotators.get(j.annotatorId)!;
    const onGoldCriterion = pair.isGold && j.criterionId === data.goldCriterionId && pair.goldExpectedImageId !== null;
    return {
      campaignId: data.campaign.id,
      ...pairFacts(pair),
      leftModel: leftIsA ? pair.modelA : pair.modelB,
      rightModel: leftIsA ? pair.modelB : pair.modelA,
      criterion: criterionKey.get(j.criterionId) ?? j.criterionId,
      choice: j.choice,
      winner,
      winningModel: winner === "A" ? pair.modelA : winner === "B" ? pair.modelB : "tie",
      annotator: annotator.pseudonym,
      crowdIdHash: annotator.crowdIdHash,
      crowdSource: annotator.crowdSource,
      crowdId: annotator.crowdId,
      latencyMs: j.latencyMs,
      createdAt: j.createdAt,
      gold: pair.isGold,
      goldWinner: onGoldCriterion ? (pair.goldExpectedImageId === pair.imageAId ? "A" : "B") : null,
      excluded: excluded(j.annotatorId),
    };
  });
}

/** A row as the export's CSV line (lib/results/csv.ts csvLine, the export's column order). */
export function judgmentCsvLine(r: JudgmentRow): string {
  return csvLine([
    r.campaignId,
    r.pairId,
    r.promptId,
    r.prompt,
    r.category,
    r.challenge,
    r.seed,
    r.modelA,
    r.modelB,
    r.leftModel,
    r.rightModel,
    r.criterion,
    r.choice,
    r.winningModel,
    r.annotator,
    r.crowdIdHash,
    r.crowdSource,
    r.crowdId,
    r.latencyMs,
    r.latencyMs === null ? null : r.latencyMs / 1000,
    r.createdAt.toISOString(),
    r.gold,
    r.excluded,
  ]);
}

/** The statistics' record of a row, as lib/stats/io reads it back from the CSV (fields trimmed, empty ones absent). */
export function toStatsJudgment(r: JudgmentRow): Judgment {
  const j: Judgment = {
    pairId: r.pairId,
    promptId: r.promptId.trim(),
    modelA: r.modelA.trim(),
    modelB: r.modelB.trim(),
    winner: r.winner,
    annotatorId: r.annotator,
    leftModel: r.leftModel.trim(),
    criterion: r.criterion.trim(),
  };
  const category = r.category?.trim();
  const challenge = r.challenge?.trim();
  if (category) j.category = category;
  if (challenge) j.challenge = challenge;
  if (r.latencyMs !== null) j.seconds = r.latencyMs / 1000;
  if (r.goldWinner) j.goldWinner = r.goldWinner;
  return j;
}

/** The record annotator quality reads: the statistics' record plus its recording time. */
export function qualityJudgment(r: JudgmentRow): Judgment {
  return { ...toStatsJudgment(r), at: r.createdAt.getTime() };
}
