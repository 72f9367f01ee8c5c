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
  ANNOTATOR_SIDES,
  VOTE_CELLS,
  type AnswersRow,
  type VoteCellRow,
} from "./statements";

/**
 * A campaign's judgments reduced in PostgreSQL: the votes per regular (criterion, pair) from the
 * kept tallies (VOTE_CELLS) and every annotator's answers per criterion (ANNOTATOR_ANSWERS: counts,
 * and latencies and sides as compact columns), a few thousand rows whatever the number of
 * judgments; and, only for Dawid–Skene, the analysed judgments as compact arrays (the one
 * estimator that needs every vote). docs/STATISTICS.md ("Where each figure comes from") says
 * which figure reads which.
 */
export interface CampaignReduction {
  cells: VoteCellRow[];
  /** The answers read with the same excluded annotators (readAnswers). */
  answers: AnswersReading;
  /** Per criterion id, in judgment order; null unless asked for. */
  ratings: Map<string, { pairs: string[]; annotators: string[]; winners: number[] }> | null;
}

/**
 * Reads the vote cells on `client` (a snapshot: lib/db/prepared.ts inSnapshot), with the answers
 * already read there for the same `excluded` user ids.
 */
export async function readReduction(
  client: pg.PoolClient,
  data: CampaignData,
  answers: AnswersReading,
  withRatings: boolean,
): Promise<CampaignReduction> {
  const cells = await run(VOTE_CELLS, [data.campaign.id, answers.excluded], client);
  let ratings: CampaignReduction["ratings"] = null;
  if (withRatings) {
    const rows = await run(ANALYSED_RATINGS, [data.campaign.id, answers.excluded], client);
    ratings = new Map(rows.map((r) => [r.criterionId, r]));
  }
  return { cells, answers, ratings };
}

/**
 * One annotator's answers over all their judgments, gold pairs and excluded annotators included
 * (annotator quality, its crowd-quality signals and the flag-based exclusion): the rows of
 * ANNOTATOR_ANSWERS summed, latencies and recording times decoded, sides in recording order.
 */
export interface AnnotatorTotals {
  annotatorId: string;
  judgments: number;
  onGold: number;
  goldAnswered: number;
  goldCorrect: number;
  compared: number;
  agreed: number;
  looItems: number;
  looAgreed: number;
  /** Milliseconds, where recorded (any order). */
  latencies: number[];
  /** 'l', 'r', 't' per answer, in recording order (createdAt, then id). */
  sides: string;
  /** Epoch milliseconds (any order). */
  recordedAt: number[];
  newest: number;
}

/** The answers of one reading: per (annotator, criterion, gold) rows, their totals per annotator, and the exclusion they were read under. */
export interface AnswersReading {
  rows: AnswersRow[];
  annotators: AnnotatorTotals[];
  excluded: string[];
}

/** Big-endian int4 values of a bytea, appended to `into`. */
function int32s(bytes: Buffer, into: number[]): number[] {
  for (let i = 0; i + 4 <= bytes.length; i += 4) into.push(bytes.readInt32BE(i));
  return into;
}

/** Big-endian int8 values of a bytea (all below 2^53: epoch milliseconds), appended to `into`. */
function int64s(bytes: Buffer, into: number[]): number[] {
  for (let i = 0; i + 8 <= bytes.length; i += 8) into.push(bytes.readInt32BE(i) * 2 ** 32 + bytes.readUInt32BE(i + 4));
  return into;
}

/**
 * Every annotator's answers (ANNOTATOR_ANSWERS, then ANNOTATOR_SIDES) on `on` (a snapshot, or the
 * pool for a read of its own), the analysed counts against the votes of annotators not in
 * `excluded` (user ids). Two passes over the campaign's judgments, each a hash join with the kept
 * tallies or the pairs and one aggregate; no judgment is sent one by one.
 */
export async function readAnswers(
  on: pg.PoolClient | undefined,
  data: CampaignData,
  excluded: string[],
): Promise<AnswersReading> {
  const rows = await run(
    ANNOTATOR_ANSWERS,
    [data.campaign.id, excluded, data.goldCriterionId, DEFAULT_CROWD_QUALITY_RULES.looMinOthers],
    on,
  );
  const sides = new Map((await run(ANNOTATOR_SIDES, [data.campaign.id], on)).map((r) => [r.annotatorId, r.sides]));
  const totals = new Map<string, AnnotatorTotals>();
  for (const r of rows) {
    let a = totals.get(r.annotatorId);
    if (!a)
      totals.set(
        r.annotatorId,
        (a = {
          annotatorId: r.annotatorId,
          judgments: 0,
          onGold: 0,
          goldAnswered: 0,
          goldCorrect: 0,
          compared: 0,
          agreed: 0,
          looItems: 0,
          looAgreed: 0,
          latencies: [],
          sides: sides.get(r.annotatorId) ?? "",
          recordedAt: [],
          newest: -Infinity,
        }),
      );
    a.judgments += r.judgments;
    if (r.gold) a.onGold += r.judgments;
    a.goldAnswered += r.goldAnswered;
    a.goldCorrect += r.goldCorrect;
    a.compared += r.compared;
    a.agreed += r.agreed;
    a.looItems += r.looItems;
    a.looAgreed += r.looAgreed;
    int32s(r.latencies, a.latencies);
    int64s(r.recordedAt, a.recordedAt);
    a.newest = Math.max(a.newest, r.newest);
  }
  return { rows, annotators: [...totals.values()], excluded };
}

const SIDES: Record<string, Side> = { l: "left", r: "right", t: "tie" };
const sidesOf = (codes: string | null): Side[] => Array.from(codes ?? "", (c) => SIDES[c]);

/** An annotator's totals as lib/stats reads them, under the annotator's pseudonym. */
export function annotatorAnswers(row: AnnotatorTotals, pseudonym: (userId: string) => string): AnnotatorAnswers {
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

/**
 * An analysed ANNOTATOR_ANSWERS row (regular pairs, annotator not excluded) as lib/stats reads it:
 * compared with the other analysed votes, no gold, no recording times (as the CSV reads back).
 */
function criterionAnswers(row: AnswersRow, pseudonym: (userId: string) => string): AnnotatorAnswers {
  return {
    annotatorId: pseudonym(row.annotatorId),
    judgments: row.judgments,
    goldAnswered: 0,
    goldCorrect: 0,
    compared: row.analysedCompared,
    agreed: row.analysedAgreed,
    loo: { items: row.analysedLooItems, agreed: row.analysedLooAgreed },
    seconds: int32s(row.latencies, []).map((ms) => ms / 1000),
    sides: sidesOf(row.sides),
    recordedAt: [],
  };
}

/** Per criterion id: annotators of its regular judgments, excluded ones included. */
function judgesOf(answers: AnswersReading): Map<string, number> {
  const judges = new Map<string, number>();
  for (const r of answers.rows) if (!r.gold) judges.set(r.criterionId, (judges.get(r.criterionId) ?? 0) + 1);
  return judges;
}

/**
 * The analysed part of a reduction per criterion, as lib/stats reads it (ReducedCriterion): every
 * pair described exactly as its judgments are in the CSV export and as `photogenic analyze` reads
 * them back (lib/stats/io: fields trimmed, empty ones absent), so both paths
 * compute from the same records.
 */
export function reducedCriteria(data: CampaignData, reduction: CampaignReduction): ReducedCriterion[] {
  const pseudonym = (userId: string) => data.annotators.get(userId)?.pseudonym ?? userId;
  const byCriterion = pairVotesByCriterion(data, reduction.cells, (c) => c.votes);
  const excluded = new Set(reduction.answers.excluded);
  const annotators = new Map<string, AnnotatorAnswers[]>();
  for (const row of reduction.answers.rows) {
    if (row.gold || excluded.has(row.annotatorId)) continue;
    const list = annotators.get(row.criterionId) ?? [];
    annotators.set(row.criterionId, [...list, criterionAnswers(row, pseudonym)]);
  }
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
  const cells = [...reduction.cells].sort((x, y) => x.rank - y.rank);
  const judges = judgesOf(reduction.answers);
  const everyone = (c: VoteCellRow) => c.votes.map((n, k) => n + c.excluded[k]);
  return [...pairVotesByCriterion(data, cells, everyone)].map(([criterionId, { criterion, pairs }]) =>
    headToHeadInputFromReduction({ criterion, pairs }, judges.get(criterionId) ?? 0, settings),
  );
}

/** Per criterion id with votes, its key and its pairs' `votes` of each cell, in the order of `cells` (cells without votes left out). */
function pairVotesByCriterion(
  data: CampaignData,
  cells: readonly VoteCellRow[],
  votesOf: (cell: VoteCellRow) => readonly number[],
) {
  const keyOf = new Map(data.criteria.map((c) => [c.id, c.key.trim()]));
  const byCriterion = new Map<string, { criterion: string | null; pairs: PairVotes[]; byId: Map<string, PairVotes> }>();
  for (const cell of cells) {
    const { criterionId, pairId } = cell;
    const votes = votesOf(cell);
    const info = data.pairs.get(pairId);
    if (!info || votes.every((n) => n === 0)) continue;
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
    votes.forEach((n, k) => (p.votes[k] += n));
  }
  return byCriterion;
}
