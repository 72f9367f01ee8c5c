import "server-only";
import { db, type Prisma } from "../db";
import { run } from "../db/prepared";
import { JUDGMENT_PAGE_ROWS, type RawJudgment } from "./statements";

export type { RawJudgment };
import type { Judgment, Winner } from "../stats";
import type { CampaignData } from "./campaign-data";
import { pairFacts, type PairFacts } from "./pair-facts";
import { winnerOf } from "./winner";

/** One exported judgment: the CSV row, and the source of the statistics' judgment record. */
export interface JudgmentRow extends PairFacts {
  campaignId: string;
  leftModel: string;
  rightModel: string;
  criterion: string;
  choice: string;
  /** Relative to model A / model B: Both and Neither are ties. */
  winner: Winner;
  winningModel: string;
  annotator: string;
  crowdIdHash: string | null;
  latencyMs: number | null;
  createdAt: Date;
  gold: boolean;
  /** The gold answer, on the criterion gold pairs are scored on. */
  goldWinner: Winner | null;
  excluded: boolean;
}

/** The Prisma select that reads a RawJudgment. */
export const JUDGMENT_SELECT = {
  id: true,
  pairId: true,
  criterionId: true,
  annotatorId: true,
  choice: true,
  leftImageId: true,
  latencyMs: true,
  createdAt: true,
} as const satisfies Prisma.JudgmentSelect;

export const JUDGMENT_PAGE = 10_000;

/**
 * A campaign's judgments as export rows, in a fixed order (judgment id), fetched by keyset pages
 * of `pageSize` over the primary key: memory stays at one page however many judgments there are,
 * and the order makes every export of the same data identical. Judgments newer than
 * data.snapshotAt are left out. `excluded(annotatorUserId)` decides the excluded column.
 */
export async function* judgmentRows(
  data: CampaignData,
  excluded: (annotatorId: string) => boolean,
  pageSize = JUDGMENT_PAGE,
): AsyncGenerator<JudgmentRow[]> {
  const toRow = judgmentRowOf(data, excluded);
  for (let cursor = ""; ;) {
    const page = await run(JUDGMENT_PAGE_ROWS, [data.campaign.id, data.snapshotAt, cursor, pageSize], db);
    if (page.length > 0) yield page.map(toRow);
    if (page.length < pageSize) return;
    cursor = page[page.length - 1].id;
  }
}

/**
 * Turns judgments of this campaign into rows: the pair's facts, the sides and the winner in terms
 * of models, the annotator's pseudonym. `excluded(annotatorUserId)` decides the excluded column.
 */
export function judgmentRowOf(
  data: CampaignData,
  excluded: (annotatorId: string) => boolean,
): (j: RawJudgment) => JudgmentRow {
  const criterionKey = new Map(data.criteria.map((c) => [c.id, c.key]));
  return (j) => {
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
      latencyMs: j.latencyMs,
      createdAt: j.createdAt,
      gold: pair.isGold,
      goldWinner: onGoldCriterion ? (pair.goldExpectedImageId === pair.imageAId ? "A" : "B") : null,
      excluded: excluded(j.annotatorId),
    };
  };
}

/**
 * The statistics' record of a row, exactly as lib/stats/io reads the same row back from the CSV
 * export (absent fields stay absent), which is what lets `photogenic analyze` reproduce a report.
 */
export function toStatsJudgment(r: JudgmentRow): Judgment {
  // The CSV reader trims every field and drops empty ones: do the same so both paths agree.
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
