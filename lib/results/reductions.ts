import "server-only";
import type pg from "pg";
import { run } from "../db/prepared";
import {
  DEFAULT_CROWD_QUALITY_RULES,
  WINNERS,
  type AnnotatorAnswers,
  type HeadToHeadInput,
  type PairVotes,
  type Rating,
  type ReducedCriterion,
  type Side,
  headToHeadInputFromReduction,
  type CampaignStatsSettings,
} from "../stats";
import type { CampaignData } from "./campaign-data";
import {
  ANALYSED_RATINGS,
  ANNOTATOR_ANSWERS,
  CAMPAIGN_REDUCTION,
  type AnswersRow,
  type CriterionAnswersRow,
  type VoteCellRow,
} from "./statements";
import { winnerOf } from "./winner";

/**
 * A campaign's judgments reduced in PostgreSQL (CAMPAIGN_REDUCTION): vote cells and each
 * annotator's answers per criterion (counts, and latencies and sides as compact arrays), a few
 * thousand rows whatever the number of judgments; and, only for Dawid–Skene, the analysed
 * judgments as compact arrays (the one estimator that needs every vote).
 * docs/STATISTICS.md ("Where each figure comes from") says which figure reads which.
 */
export interface CampaignReduction {
  cells: VoteCellRow[];
  answers: CriterionAnswersRow[];
  /** Per criterion id: annotators of its regular judgments, excluded ones included. */
  judges: Map<string, number>;
  /** Per criterion id, in judgment order; null unless asked for. */
  ratings: Map<string, { pairs: string[]; annotators: string[]; winners: number[] }> | null;
}

/** Reads the reduction on `client` (a snapshot: lib/db/prepared.ts inSnapshot). `excluded`: user ids. */
export async function readReduction(
  client: pg.PoolClient,
  data: CampaignData,
  excluded: string[],
  withRatings: boolean,
): Promise<CampaignReduction> {
  const [{ cells, answers, judges }] = await run(
    CAMPAIGN_REDUCTION,
    [data.campaign.id, excluded, DEFAULT_CROWD_QUALITY_RULES.looMinOthers],
    client,
  );
  let ratings: CampaignReduction["ratings"] = null;
  if (withRatings) {
    const rows = await run(ANALYSED_RATINGS, [data.campaign.id, excluded], client);
    ratings = new Map(rows.map((r) => [r.criterionId, r]));
  }
  return { cells, answers, judges: new Map(judges), ratings };
}

/** Index into PairVotes.votes of a vote: its winner (WINNERS order) and which model was shown left. */
export function voteIndex(choice: string, leftIsA: boolean): number {
  return 2 * WINNERS.indexOf(winnerOf(choice, leftIsA)) + (leftIsA ? 0 : 1);
}

/**
 * Every annotator's answers over all their judgments (ANNOTATOR_ANSWERS), by user id: what
 * annotator quality and the flag-based exclusion are computed from. Runs on `on` (a snapshot, or
 * the pool for a read of its own).
 */
export async function readAnnotatorAnswers(on: pg.PoolClient | undefined, data: CampaignData): Promise<AnswersRow[]> {
  return run(ANNOTATOR_ANSWERS, [data.campaign.id, data.goldCriterionId, DEFAULT_CROWD_QUALITY_RULES.looMinOthers], on);
}

const SIDES: Record<string, Side> = { l: "left", r: "right", t: "tie" };
const sidesOf = (codes: string | null): Side[] => Array.from(codes ?? "", (c) => SIDES[c]);

/** An ANNOTATOR_ANSWERS row as lib/stats reads it, under the annotator's pseudonym. */
export function annotatorAnswers(row: AnswersRow, pseudonym: (userId: string) => string): AnnotatorAnswers {
  return {
    annotatorId: pseudonym(row.annotatorId),
    judgments: row.judgments,
    goldAnswered: row.goldAnswered,
    goldCorrect: row.goldCorrect,
    compared: row.compared,
    agreed: row.agreed,
    loo: { items: row.looItems, agreed: row.looAgreed },
    seconds: row.latencies.map((ms) => ms / 1000),
    sides: sidesOf(row.sides),
    recordedAt: row.recordedAt,
  };
}

/** A CAMPAIGN_REDUCTION answers row as lib/stats reads it (no gold on regular pairs, no recording times: as the CSV reads back). */
function criterionAnswers(row: CriterionAnswersRow, pseudonym: (userId: string) => string): AnnotatorAnswers {
  const [userId, , judgments, compared, agreed, looItems, looAgreed, latencies, sides] = row;
  return {
    annotatorId: pseudonym(userId),
    judgments,
    goldAnswered: 0,
    goldCorrect: 0,
    compared,
    agreed,
    loo: { items: looItems, agreed: looAgreed },
    seconds: latencies.map((ms) => ms / 1000),
    sides: sidesOf(sides),
    recordedAt: [],
  };
}

/**
 * The analysed part of a reduction per criterion, as lib/stats reads it (ReducedCriterion): every
 * pair described exactly as its judgments are in the CSV export and as `photogenic analyze` reads
 * them back (lib/stats/io: fields trimmed, empty ones absent), so both paths
 * compute from the same records.
 */
export function reducedCriteria(data: CampaignData, reduction: CampaignReduction): ReducedCriterion[] {
  const pseudonym = (userId: string) => data.annotators.get(userId)?.pseudonym ?? userId;
  const byCriterion = pairVotesByCriterion(
    data,
    reduction.cells.filter((c) => !c[4]),
  );
  const annotators = new Map<string, AnnotatorAnswers[]>();
  for (const row of reduction.answers)
    annotators.set(row[1], [...(annotators.get(row[1]) ?? []), criterionAnswers(row, pseudonym)]);
  return [...byCriterion].map(([criterionId, { criterion, pairs }]): ReducedCriterion => {
    const r = reduction.ratings?.get(criterionId);
    const ratings: Rating[] | undefined = r?.pairs.map((item, k) => ({
      item,
      rater: pseudonym(r.annotators[k]),
      label: WINNERS[r.winners[k]],
    }));
    return { criterion, pairs, annotators: annotators.get(criterionId) ?? [], ratings };
  });
}

/**
 * The head-to-heads' inputs over every regular judgment, the excluded annotators' put back (the
 * report's withExcludedAnnotators): every cell, pairs in the order of their first judgment of all.
 */
export function everyoneHeadToHeadInputs(
  data: CampaignData,
  reduction: CampaignReduction,
  settings: CampaignStatsSettings,
): HeadToHeadInput[] {
  const cells = [...reduction.cells].sort((x, y) => x[6] - y[6]);
  return [...pairVotesByCriterion(data, cells)].map(([criterionId, { criterion, pairs }]) =>
    headToHeadInputFromReduction({ criterion, pairs }, reduction.judges.get(criterionId) ?? 0, settings),
  );
}

/** Per criterion id with votes, its key and its pairs' votes in the order of `cells`. */
function pairVotesByCriterion(data: CampaignData, cells: readonly VoteCellRow[]) {
  const keyOf = new Map(data.criteria.map((c) => [c.id, c.key.trim()]));
  const byCriterion = new Map<string, { criterion: string | null; pairs: PairVotes[]; byId: Map<string, PairVotes> }>();
  for (const [criterionId, pairId, choice, leftIsA, , n] of cells) {
    const info = data.pairs.get(pairId);
    if (!info) continue;
    let c = byCriterion.get(criterionId);
    if (!c)
      byCriterion.set(criterionId, (c = { criterion: keyOf.get(criterionId) || null, pairs: [], byId: new Map() }));
    let p = c.byId.get(pairId);
    if (!p) {
      const category = info.category?.trim() || undefined;
      const challenge = info.challenge?.trim() || undefined;
      p = {
        pair: {
          pairId,
          promptId: info.promptId.trim(),
          category,
          challenge,
          modelA: info.modelA.trim(),
          modelB: info.modelB.trim(),
          criterion: keyOf.get(criterionId) || undefined,
        },
        votes: [0, 0, 0, 0, 0, 0],
      };
      c.byId.set(pairId, p);
      c.pairs.push(p);
    }
    p.votes[voteIndex(choice, leftIsA)] += n;
  }
  return byCriterion;
}
