import "server-only";
import type pg from "pg";
import { inSnapshot, run, withSharedSnapshot } from "../db/prepared";
import {
  DEFAULT_CROWD_QUALITY_RULES,
  WINNERS,
  type AnnotatorAnswers,
  type HeadToHeadInput,
  type PairVotes,
  type Rating,
  type ReducedCriterion,
  headToHeadVotesFromReduction,
  quantileSorted,
  type CampaignStatsSettings,
} from "../stats";
import { pseudonymOf, type CampaignData } from "./campaign-data";
import {
  ANALYSED_RATINGS,
  ANNOTATOR_ANSWERS,
  ANSWERS_PIVOT,
  ANSWER_BITS as B,
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
  return { ...(await readVotes(client, data, answers.excluded, withRatings)), answers };
}

/** The votes of a reduction (CampaignReduction less its answers), read on `client` with `excluded` (user ids) left out. */
export type CampaignVotes = Omit<CampaignReduction, "answers">;

/** The vote cells and, when asked for, the analysed ratings (Dawid–Skene), read on `client` (a snapshot). */
export async function readVotes(
  client: pg.PoolClient,
  data: CampaignData,
  excluded: string[],
  withRatings: boolean,
): Promise<CampaignVotes> {
  const cells = await run(VOTE_CELLS, [data.campaign.id, excluded], client);
  let ratings: CampaignReduction["ratings"] = null;
  if (withRatings) {
    const rows = await run(ANALYSED_RATINGS, [data.campaign.id, excluded], client);
    ratings = new Map(rows.map((r) => [r.criterionId, r]));
  }
  return { cells, ratings };
}

/**
 * One annotator's answers over all their judgments, gold pairs and excluded annotators included
 * (annotator quality, its crowd-quality signals and the flag-based exclusion): the rows of
 * ANNOTATOR_ANSWERS summed, latencies and recording times decoded, sides in recording order.
 */
export interface AnnotatorTotals extends AnswerCounts {
  onGold: number;
  goldAnswered: number;
  goldCorrect: number;
  /** Epoch milliseconds, in the order visited (any order). */
  recordedAt: Float64Array;
  newest: number;
}

/** One annotator's analysed answers under one criterion (regular pairs, not excluded), counted against the other analysed votes. */
export interface CriterionAnswers extends AnswerCounts {
  criterionId: string;
}

/**
 * What AnnotatorTotals and CriterionAnswers both count of one annotator's answers: judgments,
 * their agreement with the other votes (all and leave-one-out), latencies and sides.
 */
interface AnswerCounts {
  annotatorId: string;
  judgments: number;
  compared: number;
  agreed: number;
  looItems: number;
  looAgreed: number;
  /** Seconds (recorded milliseconds / 1000), where recorded, ascending: as lib/stats reads them. */
  seconds: Float64Array;
  /** 'l', 'r', 't' per answer, in recording order: createdAt, then id (AnnotatorTotals); judgment id (CriterionAnswers). */
  sides: string;
}

/**
 * The answers of one reading: every annotator's totals, the analysed answers per (annotator,
 * criterion), the annotators per criterion with regular judgments (excluded ones included), and
 * the exclusion they were read under.
 */
export interface AnswersReading {
  annotators: AnnotatorTotals[];
  criteria: CriterionAnswers[];
  judges: Map<string, number>;
  excluded: string[];
}

const SIDE_LETTERS = "lrt";
const EMPTY_TIMES = new Float64Array(0);
// PostgreSQL's binary timestamp counts microseconds from 2000-01-01.
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * Every annotator's answers (ANNOTATOR_ANSWERS) on `on` (a snapshot, or none for a snapshot of
 * its own), the analysed counts against the votes of annotators not in `excluded` (user ids):
 * one pass over the campaign's judgments in PostgreSQL — split in two id ranges (`ranges`:
 * answerRanges) over `on` and `second`, a connection sharing its snapshot (withSharedSnapshot),
 * when there is one — which sends each annotator's judgments as binary columns (20 bytes a
 * judgment), decoded here one annotator at a time, in id order, into typed arrays
 * (AnnotatorTotals, CriterionAnswers). The parts are sent before anything is awaited when
 * `ranges` is given, so that Node's work meanwhile overlaps them.
 */
export async function readAnswers(
  on: pg.PoolClient | undefined,
  data: CampaignData,
  excluded: string[],
  second: pg.PoolClient | null = null,
  ranges?: IdRange[],
): Promise<AnswersReading> {
  if (!on)
    return inSnapshot((client) =>
      withSharedSnapshot(client, {}, (shared) => readAnswers(client, data, excluded, shared)),
    );
  const criterionIds = data.criteria.map((c) => c.id);
  const parts = await readAnswerParts(
    on,
    second,
    data,
    excluded,
    criterionIds,
    ranges ?? (await answerRanges(on, second, data)),
  );
  return answersOfRows(parts, data, excluded);
}

/**
 * readAnswers's decoding: the rows of ANNOTATOR_ANSWERS of each id range (`parts`, in range
 * order), read with `excluded` (user ids), as an AnswersReading. O(judgments).
 */
export function answersOfRows(parts: AnswersRow[][], data: CampaignData, excluded: string[]): AnswersReading {
  const criterionIds = data.criteria.map((c) => c.id);
  const out = new Set(excluded);
  const rows = byAnnotator(parts);
  // Per annotator, and per (annotator, criterion) analysed: sides as character codes ('l', 'r', 't', one
  // byte a judgment) until they are strings, seconds and recording times in typed arrays of
  // their exact sizes (counted first: sizes), filled up to `count` / `timed`.
  type Columns = { letters: Uint8Array; count: number; seconds: Float64Array; timed: number };
  const columns = (n: number, timed: number): Columns => ({
    letters: new Uint8Array(n),
    count: 0,
    seconds: new Float64Array(timed),
    timed: 0,
  });
  // Each range's columns as this machine's integers (int32s swaps in place: once), in id order.
  const decoded = rows.map((r) =>
    r.segments.map((s) => ({
      ranks: int32s(s.ranks),
      codes: int32s(s.codes),
      latencies: int32s(s.latencies),
      // 8-byte timestamps as 4-byte halves (HIGH, LOW: their places in this machine's order).
      recordedAt: int32s(s.recordedAt, 8),
    })),
  );
  const excludedRow = rows.map((r) => out.has(r.annotatorId));
  const sizes = rows.map((_, k) => answerSizes(decoded[k], excludedRow[k], criterionIds.length));
  type Reading = Columns & { totals: AnnotatorTotals; recordedAt: Float64Array; inTimeOrder: boolean };
  type Analysed = Columns & { answers: CriterionAnswers };
  const counts = () => ({ judgments: 0, compared: 0, agreed: 0, looItems: 0, looAgreed: 0 });
  const readings: Reading[] = rows.map((r, k) => ({
    totals: {
      annotatorId: r.annotatorId,
      ...counts(),
      judgments: r.judgments,
      onGold: 0,
      goldAnswered: 0,
      goldCorrect: 0,
      seconds: EMPTY_TIMES,
      sides: "",
      recordedAt: EMPTY_TIMES,
      newest: r.newest,
    },
    ...columns(r.judgments, sizes[k].timed),
    recordedAt: new Float64Array(r.judgments),
    inTimeOrder: true,
  }));
  const analysed = rows.map(() => new Map<number, Analysed>());
  const scratch = new RadixScratch();
  // judged[k * criteria + c]: row k's annotator judged a regular pair under criterion c.
  const judged = new Uint8Array(rows.length * criterionIds.length);
  // Each annotator's judgments in id order (their ranks' order within each range, the ranges in
  // order: what one annotator's figures depend on; no figure depends on the order between
  // annotators), so one annotator at a time.
  for (let k = 0; k < rows.length; k++) {
    const { annotatorId } = rows[k];
    const reading = readings[k];
    for (const { ranks, codes, latencies, recordedAt } of decoded[k]) {
      const order = idOrder(ranks, scratch);
      for (let step = 0; step < codes.length; step++) {
        const i = order ? order[step] : step;
        const a = reading.totals;
        const code = codes[i];
        const ms = latencies[i];
        const at = (recordedAt[2 * i + HIGH] * 2 ** 32 + (recordedAt[2 * i + LOW] >>> 0)) / 1000 + PG_EPOCH_MS;
        const timed = (code & B.timed) !== 0;
        const side = SIDE_LETTERS.charCodeAt(code & B.side);
        if (reading.count > 0 && at < reading.recordedAt[reading.count - 1]) reading.inTimeOrder = false;
        reading.recordedAt[reading.count] = at;
        reading.letters[reading.count++] = side;
        if (timed) reading.seconds[reading.timed++] = ms / 1000;
        if (code & B.gold) a.onGold++;
        if (code & B.goldAnswered) a.goldAnswered++;
        if (code & B.goldCorrect) a.goldCorrect++;
        if (code & B.compared) a.compared++;
        if (code & B.agreed) a.agreed++;
        if (code & B.looItem) a.looItems++;
        if (code & B.looAgreed) a.looAgreed++;
        if (code & B.gold) continue;
        const criterion = code >>> B.criterionShift;
        judged[k * criterionIds.length + criterion] = 1;
        if (excludedRow[k]) continue;
        let c = analysed[k].get(criterion);
        if (!c) {
          const answers = {
            annotatorId,
            criterionId: criterionIds[criterion],
            ...counts(),
            seconds: EMPTY_TIMES,
            sides: "",
          };
          const [n, timed] = sizes[k].analysed.subarray(2 * criterion, 2 * criterion + 2);
          analysed[k].set(criterion, (c = { answers, ...columns(n, timed) }));
        }
        const { answers } = c;
        answers.judgments++;
        if (code & B.analysedCompared) answers.compared++;
        if (code & B.analysedAgreed) answers.agreed++;
        if (code & B.analysedLooItem) answers.looItems++;
        if (code & B.analysedLooAgreed) answers.looAgreed++;
        if (timed) c.seconds[c.timed++] = ms / 1000;
        c.letters[c.count++] = side;
      }
    }
  }
  const annotators: AnnotatorTotals[] = [];
  const criteria: CriterionAnswers[] = [];
  const text = (codes: Uint8Array) => Buffer.from(codes.buffer, codes.byteOffset, codes.length).toString("latin1");
  // Ascending (lib/stats reads sorted seconds as they come), sorted in place: made to size.
  const secondsOf = (c: Columns) => c.seconds.sort();
  readings.forEach((reading, k) => {
    const { totals: a, letters, recordedAt, inTimeOrder } = reading;
    a.recordedAt = recordedAt;
    a.seconds = secondsOf(reading);
    // Recording order: createdAt, then id (the order visited), so a stable sort by time.
    if (inTimeOrder) a.sides = text(letters);
    else {
      const order = timeOrder(recordedAt);
      const inOrder = new Uint8Array(order.length);
      for (let k = 0; k < order.length; k++) inOrder[k] = letters[order[k]];
      a.sides = text(inOrder);
    }
    annotators.push(a);
    for (const [, c] of [...analysed[k]].sort(([x], [y]) => x - y))
      criteria.push({ ...c.answers, seconds: secondsOf(c), sides: text(c.letters) });
  });
  const judges = new Map<string, number>();
  criterionIds.forEach((id, c) => {
    let n = 0;
    for (let k = 0; k < rows.length; k++) n += judged[k * criterionIds.length + c];
    if (n > 0) judges.set(id, n);
  });
  return { annotators, criteria, judges, excluded };
}

/** Judgment ids from `from` (inclusive) up to `below` (exclusive; null: no bound), in byte order. */
export interface IdRange {
  from: string;
  below: string | null;
}

const SAMPLE_ROWS = 20_000;

/**
 * The id ranges readAnswers reads ANNOTATOR_ANSWERS in: two of about equal size, split at the
 * sampled median id (ANSWERS_PIVOT), when there is a `second` connection to read the other on;
 * else one. Ranges, not annotators, so that the two parts stay even however few annotators did
 * most of the work (an expert panel of five would split as badly as five coins fall).
 */
export async function answerRanges(
  on: pg.PoolClient,
  second: pg.PoolClient | null,
  data: CampaignData,
): Promise<IdRange[]> {
  const pivot = second ? (await run(ANSWERS_PIVOT, [data.campaign.id, SAMPLE_ROWS], on))[0]?.pivot : null;
  return pivot
    ? [
        { from: "", below: pivot },
        { from: pivot, below: null },
      ]
    : [{ from: "", below: null }];
}

/**
 * ANNOTATOR_ANSWERS over `ranges`, the first on `on`, the second on `second` (sharing one
 * snapshot: withSharedSnapshot), so that PostgreSQL makes the pass over the judgments on two
 * cores. Both are sent before this returns (nothing awaited first). Each part's rows by annotator id.
 */
function readAnswerParts(
  on: pg.PoolClient,
  second: pg.PoolClient | null,
  data: CampaignData,
  excluded: string[],
  criterionIds: string[],
  ranges: IdRange[],
): Promise<AnswersRow[][]> {
  const rules = DEFAULT_CROWD_QUALITY_RULES;
  const connections = [on, second];
  return Promise.all(
    ranges.map((range, k) => {
      const connection = connections[k];
      if (!connection) throw new Error("readAnswers: a second id range needs a second connection");
      const params = [data.campaign.id, excluded, data.goldCriterionId, rules.looMinOthers, criterionIds] as const;
      return run(ANNOTATOR_ANSWERS, [...params, range.from, range.below], connection);
    }),
  );
}

/**
 * A bytea column of big-endian integers of `width` bytes (4 or 8) as an Int32Array over the same
 * bytes, swapped in place on a little-endian machine (the row is read once; a column not 4-byte
 * aligned is copied first).
 */
function int32s(column: Buffer, width: 4 | 8 = 4): Int32Array {
  const b = column.byteOffset % 4 === 0 ? column : Buffer.from(column);
  if (LITTLE_ENDIAN && width === 8) b.swap64();
  else if (LITTLE_ENDIAN) b.swap32();
  return new Int32Array(b.buffer, b.byteOffset, b.length / 4);
}
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
// Where the halves of an 8-byte integer are in int32s(…, 8).
const [HIGH, LOW] = LITTLE_ENDIAN ? [1, 0] : [0, 1];

/**
 * The order of a row's judgments by id: their ranks (unique within the part, 1…its size) in
 * ascending order — null when they came so, else the indices sorted by rank (radixOrder, as many
 * passes as the largest rank needs: two below 2²²), in `scratch` (valid until its next use).
 * PostgreSQL's hashed aggregate does not keep its input's order, so a row usually needs the sort.
 */
function idOrder(ranks: Int32Array, scratch: RadixScratch): Int32Array | null {
  const n = ranks.length;
  let ascending = true;
  let largest = n > 0 ? ranks[0] : 0;
  for (let i = 1; i < n; i++) {
    if (ranks[i] < ranks[i - 1]) ascending = false;
    if (ranks[i] > largest) largest = ranks[i];
  }
  if (ascending) return null;
  const passes = Math.ceil(Math.log2(largest + 1) / RADIX_BITS);
  return radixOrder(n, passes, (i, pass) => (ranks[i] >>> (RADIX_BITS * pass)) & RADIX_MASK, scratch);
}

/** radixOrder's two index arrays, kept between calls and grown as needed: one row's order after another, no garbage. */
class RadixScratch {
  private arrays = [new Int32Array(0), new Int32Array(0)];
  /** Two arrays of length n (views; their contents are the previous call's). */
  take(n: number): [Int32Array, Int32Array] {
    if (this.arrays[0].length < n) this.arrays = [new Int32Array(n), new Int32Array(n)];
    return [this.arrays[0].subarray(0, n), this.arrays[1].subarray(0, n)];
  }
}

/**
 * The indices of recording times (epoch milliseconds) in time order, equal times in index order:
 * what a stable sort by time gives. Positive finite doubles order as their 64-bit patterns, so
 * radixOrder sorts those bits (six passes at most, fewer when the times share their high bits);
 * any other time falls back to a stable comparison sort.
 */
function timeOrder(times: Float64Array): Int32Array {
  const n = times.length;
  if (!times.every((t) => t > 0 && t < Infinity)) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((x, y) => times[x] - times[y]);
  }
  const bits = new Uint32Array(times.buffer, times.byteOffset, 2 * n);
  return radixOrder(n, Math.ceil(64 / RADIX_BITS), (i, pass) => {
    const shift = RADIX_BITS * pass;
    const low = bits[2 * i + LOW];
    const high = bits[2 * i + HIGH];
    if (shift >= 32) return (high >>> (shift - 32)) & RADIX_MASK;
    if (shift + RADIX_BITS <= 32) return (low >>> shift) & RADIX_MASK;
    return ((low >>> shift) | (high << (32 - shift))) & RADIX_MASK;
  });
}

/**
 * The indices 0…n−1 sorted by a key given as `passes` digits of RADIX_BITS bits, `digit(i, pass)`,
 * the least significant first: a least-significant-digit radix sort, each pass a counting sort
 * (stable: equal keys keep index order); a pass in which every index has the same digit moves
 * nothing and is skipped. The result is one of `scratch`'s arrays (a new scratch when none is
 * given). Complexity: O(passes · (n + 2^RADIX_BITS)).
 */
function radixOrder(
  n: number,
  passes: number,
  digit: (i: number, pass: number) => number,
  scratch: RadixScratch = new RadixScratch(),
): Int32Array {
  let [order, next] = scratch.take(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const count = new Int32Array(RADIX_MASK + 1);
  for (let pass = 0; pass < passes && n > 1; pass++) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit(i, pass)]++;
    if (count[digit(0, pass)] === n) continue;
    for (let d = 0, at = 0; d <= RADIX_MASK; d++) {
      const digits = count[d];
      count[d] = at;
      at += digits;
    }
    for (let k = 0; k < n; k++) {
      const i = order[k];
      next[count[digit(i, pass)]++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}
const RADIX_BITS = 11;
const RADIX_MASK = (1 << RADIX_BITS) - 1;

// Annotator ids in PostgreSQL's order (the statement's ORDER BY under the C.UTF-8 collation:
// code points, which is the order of their UTF-8 bytes).
const byCodePoints = (x: { annotatorId: string }, y: { annotatorId: string }) =>
  Buffer.compare(Buffer.from(x.annotatorId), Buffer.from(y.annotatorId));

/**
 * What readAnswers allocates for one annotator, counted over their ranges' codes before it walks
 * them: their timed answers, and per criterion index c the analysed answers (analysed[2c]) and
 * the timed ones among them (analysed[2c + 1]) — so every typed array is made to its size, none
 * made at the row's length and copied down (at a million judgments, tens of MB less garbage).
 */
function answerSizes(
  ranges: readonly { codes: Int32Array }[],
  excluded: boolean,
  criteria: number,
): { timed: number; analysed: Int32Array } {
  let timed = 0;
  const analysed = new Int32Array(2 * criteria);
  for (const { codes } of ranges)
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      const isTimed = (code & B.timed) !== 0;
      if (isTimed) timed++;
      if (code & B.gold || excluded) continue;
      const c = code >>> B.criterionShift;
      analysed[2 * c]++;
      if (isTimed) analysed[2 * c + 1]++;
    }
  return { timed, analysed };
}

/** One annotator's rows of ANNOTATOR_ANSWERS, one per id range they judged in, in range order. */
interface AnnotatorRows {
  annotatorId: string;
  segments: AnswersRow[];
  judgments: number;
  newest: number;
}

/**
 * The rows of every part, grouped by annotator (each annotator's in range order, so their
 * judgments in id order: the ranges follow each other) and sorted by annotator id, the order one
 * statement over all the ranges would have sent them in.
 */
function byAnnotator(parts: AnswersRow[][]): AnnotatorRows[] {
  const grouped = new Map<string, AnnotatorRows>();
  for (const rows of parts)
    for (const row of rows) {
      let a = grouped.get(row.annotatorId);
      if (!a)
        grouped.set(
          row.annotatorId,
          (a = { annotatorId: row.annotatorId, segments: [], judgments: 0, newest: -Infinity }),
        );
      a.segments.push(row);
      a.judgments += row.codes.length / 4;
      a.newest = Math.max(a.newest, row.newest);
    }
  return [...grouped.values()].sort(byCodePoints);
}

/**
 * The median of ascending seconds in milliseconds, as quantileSorted gives it over the recorded
 * milliseconds: the two middle values' milliseconds recovered exactly (ms / 1000 · 1000 is within
 * an ulp of ms), interpolated as quantileSorted interpolates them. Null without any.
 */
export function medianMilliseconds(seconds: Float64Array): number | null {
  if (seconds.length === 0) return null;
  const h = (seconds.length - 1) * 0.5;
  const lower = Math.floor(h);
  const ms = (i: number) => Math.round(seconds[Math.min(seconds.length - 1, i)] * 1000);
  return quantileSorted([ms(lower), ms(lower + 1)], h - lower);
}

// Sides stay letters (lib/stats Sides), one byte each; seconds are given as read (lib/stats never writes them).

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
    seconds: row.seconds,
    sides: row.sides,
    recordedAt: row.recordedAt,
  };
}

/** An annotator's analysed answers under one criterion as lib/stats reads them (no gold, no recording times: as the CSV reads back). */
function criterionAnswers(row: CriterionAnswers, pseudonym: (userId: string) => string): AnnotatorAnswers {
  return {
    annotatorId: pseudonym(row.annotatorId),
    judgments: row.judgments,
    goldAnswered: 0,
    goldCorrect: 0,
    compared: row.compared,
    agreed: row.agreed,
    loo: { items: row.looItems, agreed: row.looAgreed },
    seconds: row.seconds,
    sides: row.sides,
    recordedAt: EMPTY_TIMES,
  };
}

/**
 * The analysed part of a reduction per criterion, as lib/stats reads it (ReducedCriterion): every
 * pair described exactly as its judgments are in the CSV export and as `photogenic analyze` reads
 * them back (lib/stats/io: fields trimmed, empty ones absent), so both paths
 * compute from the same records.
 */
export function reducedCriteria(data: CampaignData, reduction: CampaignReduction): ReducedCriterion[] {
  const annotators = criterionAnswersOf(data, reduction.answers);
  return reducedVotes(data, reduction).map(({ criterionId, ...c }) => ({
    ...c,
    annotators: annotators.get(criterionId) ?? [],
  }));
}

/** reducedCriteria from the votes alone (no annotators yet), each with its criterion id. */
export function reducedVotes(
  data: CampaignData,
  votes: CampaignVotes,
): (Omit<ReducedCriterion, "annotators"> & { criterionId: string })[] {
  const pseudonym = pseudonymOf(data);
  const byCriterion = pairVotesByCriterion(data, votes.cells, (c) => c.votes);
  return [...byCriterion].map(([criterionId, { criterion, pairs }]) => {
    const r = votes.ratings?.get(criterionId);
    const ratings: Rating[] | undefined = r?.pairs.map((item, k) => ({
      item,
      rater: pseudonym(r.annotators[k]),
      label: WINNERS[r.winners[k]],
    }));
    return { criterionId, criterion, pairs, ratings };
  });
}

/** The analysed answers per criterion id, as lib/stats reads them (ReducedCriterion.annotators). */
export function criterionAnswersOf(data: CampaignData, answers: AnswersReading): Map<string, AnnotatorAnswers[]> {
  const pseudonym = pseudonymOf(data);
  const annotators = new Map<string, AnnotatorAnswers[]>();
  for (const row of answers.criteria) {
    const list = annotators.get(row.criterionId) ?? [];
    list.push(criterionAnswers(row, pseudonym));
    annotators.set(row.criterionId, list);
  }
  return annotators;
}

/**
 * The head-to-heads' inputs over every regular judgment, the excluded annotators' put back (the
 * report's withExcludedAnnotators), less their annotator counts (AnswersReading.judges of the
 * criterion id): every cell, pairs in the order of their first judgment of all.
 */
export function everyoneHeadToHeadVotes(
  data: CampaignData,
  votes: CampaignVotes,
  settings: CampaignStatsSettings,
): (Omit<HeadToHeadInput, "annotators"> & { criterionId: string })[] {
  const cells = [...votes.cells].sort((x, y) => x.rank - y.rank);
  const everyone = (c: VoteCellRow) => c.votes.map((n, k) => n + c.excluded[k]);
  return [...pairVotesByCriterion(data, cells, everyone)].map(([criterionId, { criterion, pairs }]) => ({
    ...headToHeadVotesFromReduction({ criterion, pairs }, settings),
    criterionId,
  }));
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
