import "server-only";
import { statement } from "../db/prepared";
import { annotatorPseudonymSql } from "./pseudonyms";
import { majorityCodeSql, strictMajorityCodeSql, winnerCodeSql } from "./winner";

/**
 * Reading results (see lib/db/prepared.ts for how statements are declared and run): keyset pages
 * over primary keys, so no result holds a whole campaign, and the synthetic fill for the report
 * bench. They run on Prisma's pool, away from the voting path's prepared pool.
 */

export interface PairRow {
  id: string;
  seed: number;
  isGold: boolean;
  imageAId: string;
  imageBId: string;
  /** Null for an image whose model was deleted. */
  modelAId: string | null;
  modelBId: string | null;
  /** Null unless a gold pair (LEFT JOIN "GoldPair"). */
  degradation: string | null;
  expectedImageId: string | null;
  externalId: string;
  text: string;
  category: string | null;
  challenge: string | null;
}

/** A pair with its prompt, its two images' models and its gold facts (PairRow), for PAIR_PAGE and PAIRS_BY_ID. */
const PAIR_ROWS = `SELECT p.id, p.seed, p."isGold", p."imageAId", p."imageBId", ia."modelId" AS "modelAId", ib."modelId" AS "modelBId",
          g.degradation, g."expectedImageId", pr."externalId", pr.text, pr.category, pr.challenge
   FROM "Pair" p
   JOIN "Prompt" pr ON pr.id = p."promptId"
   JOIN "Image" ia ON ia.id = p."imageAId"
   JOIN "Image" ib ON ib.id = p."imageBId"
   LEFT JOIN "GoldPair" g ON g."pairId" = p.id`;

/** The campaign's pairs with id > `after`, by id, at most `limit`. */
export const PAIR_PAGE = statement<PairRow, [campaignId: string, after: string, limit: number]>(
  "results_pair_page",
  `${PAIR_ROWS}
   WHERE p."campaignId" = $1 AND p.id > $2
   ORDER BY p.id LIMIT $3`,
);

/** Everyone who judged in the campaign. */
export const CAMPAIGN_JUDGES = statement<{ annotatorId: string }, [campaignId: string]>(
  "results_campaign_judges",
  `SELECT DISTINCT j."annotatorId" FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = $1`,
);

/** The pairs of `ids` (a page of the gallery), as PAIR_PAGE reads them. */
export const PAIRS_BY_ID = statement<PairRow, [campaignId: string, ids: string[]]>(
  "results_pairs_by_id",
  `${PAIR_ROWS}
   WHERE p."campaignId" = $1 AND p.id = ANY($2::text[])
   ORDER BY p.id`,
);

/** What cached results depend on besides the settings and the code (lib/results/results-cache.ts). */
export interface ResultsStateRow {
  updatedAt: Date;
  /** Kept by the triggers of migration results_cache; 0 before the first judgment. */
  judgments: number;
  version: number;
  /** [userId, flagReason] of every flagged participant, by user id. */
  flagged: [string, string | null][];
  /** A digest of the participants and their address hashes (the shared-device signal moves with them). */
  participants: string;
}

/**
 * The campaign's results state: its last edit, its kept judgment counters, its flagged
 * annotators and a digest of its participants' address hashes. No row when the campaign does not exist. Reads a handful of rows, never judgments.
 */
export const RESULTS_STATE = statement<ResultsStateRow, [campaignId: string]>(
  "results_state",
  `SELECT c."updatedAt", coalesce(s.judgments, 0)::int AS judgments, coalesce(s.version, 0)::int AS version,
          coalesce((SELECT json_agg(json_build_array(pa."userId", pa."flagReason") ORDER BY pa."userId")
                    FROM "Participation" pa WHERE pa."campaignId" = c.id AND pa."flaggedAt" IS NOT NULL), '[]') AS flagged,
          (SELECT md5(coalesce(string_agg(pa."userId" || ':' || coalesce(pa."addressHash", ''), ',' ORDER BY pa."userId"), ''))
           FROM "Participation" pa WHERE pa."campaignId" = c.id) AS participants
   FROM "Campaign" c LEFT JOIN "CampaignJudgmentState" s ON s."campaignId" = c.id
   WHERE c.id = $1`,
);

/**
 * The votes of one regular (criterion, pair): `votes` of the analysed annotators and `excluded`
 * of the excluded ones, each in lib/stats PairVotes.votes order (2·winner + side); `rank` orders
 * the (criterion, pair)s by their first judgment of all.
 */
export interface VoteCellRow {
  criterionId: string;
  pairId: string;
  votes: number[];
  excluded: number[];
  rank: number;
}

// The excluded annotators' votes per (criterion, pair) of the campaign (read through the annotator
// index), counted by the function that counts "PairVoteTally" (migration pair_vote_tallies).
const EXCLUDED_VOTES = (
  gold: string,
) => `SELECT v."pairId", v."criterionId", v.a0, v.a1, v.b0, v.b1, v.t0, v.t1, v.first
     FROM photogenic_vote_tallies(ARRAY(
       SELECT j FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
       WHERE j."annotatorId" = ANY($2::text[]) AND p."campaignId" = $1${gold})) v`;

/**
 * A campaign's regular votes per (criterion, pair) (VoteCellRow), from the kept tallies
 * ("PairVoteTally", migration pair_vote_tallies) less the excluded annotators' votes (`excluded`:
 * user ids), in the order of each (criterion, pair)'s first analysed judgment by id — the order
 * judgments are exported in, which the bootstrap's cluster order follows. Reads a row per
 * (criterion, pair) and the excluded annotators' judgments, never the others'; a first judgment
 * by an excluded annotator is looked up again among that pair's judgments.
 */
export const VOTE_CELLS = statement<VoteCellRow, [campaignId: string, excluded: string[]]>(
  "results_vote_cells",
  `WITH ex AS (${EXCLUDED_VOTES(` AND NOT p."isGold"`)}),
   c AS (
     SELECT t."criterionId", t."pairId", t."firstId" COLLATE "C" AS "firstAll",
            ARRAY[t.a0 - coalesce(ex.a0, 0), t.a1 - coalesce(ex.a1, 0), t.b0 - coalesce(ex.b0, 0),
                  t.b1 - coalesce(ex.b1, 0), t.t0 - coalesce(ex.t0, 0), t.t1 - coalesce(ex.t1, 0)] AS votes,
            ARRAY[coalesce(ex.a0, 0), coalesce(ex.a1, 0), coalesce(ex.b0, 0), coalesce(ex.b1, 0), coalesce(ex.t0, 0),
                  coalesce(ex.t1, 0)] AS excluded,
            CASE WHEN ex.first IS DISTINCT FROM t."firstId" COLLATE "C" THEN t."firstId" COLLATE "C"
                 ELSE (SELECT min(j.id COLLATE "C") FROM "Judgment" j
                       WHERE j."pairId" = t."pairId" AND j."criterionId" = t."criterionId" AND j."annotatorId" <> ALL($2::text[]))
            END AS first
     FROM "PairVoteTally" t JOIN "Pair" p ON p.id = t."pairId"
     LEFT JOIN ex ON ex."pairId" = t."pairId" AND ex."criterionId" = t."criterionId"
     WHERE t."campaignId" = $1 AND NOT p."isGold" AND t.a0 + t.a1 + t.b0 + t.b1 + t.t0 + t.t1 > 0)
   SELECT "criterionId", "pairId", votes, excluded,
          dense_rank() OVER (ORDER BY "firstAll", "criterionId" COLLATE "C", "pairId" COLLATE "C")::int AS rank
   FROM c ORDER BY first, "criterionId" COLLATE "C", "pairId" COLLATE "C"`,
);

/**
 * One annotator's judgments as compact binary columns, element i of each about the same
 * judgment (in no particular order): `ranks` (int4 each: the judgment's place among the
 * campaign's judgments in id order, byte order, from 1), `codes` (int4 each, ANSWER_BITS), `latencies` (int4
 * ms each, 0 where not recorded: see ANSWER_BITS.timed), `recordedAt` (int8 each, PostgreSQL's
 * binary timestamp: microseconds since 2000-01-01); and the newest recording time (epoch ms).
 */
export interface AnswersRow {
  annotatorId: string;
  ranks: Buffer;
  codes: Buffer;
  latencies: Buffer;
  recordedAt: Buffer;
  newest: number;
}

/**
 * The bits of an ANNOTATOR_ANSWERS code: the side clicked (0 left, 1 right, 2 any tie), gold
 * pair, latency recorded, gold answered and correct; against every other vote on the (criterion,
 * pair): compared, equal to their majority, leave-one-out item, agreeing with it; the same four
 * against the other analysed votes only; and, from bit 16, the criterion's index in the
 * statement's `criteria`.
 */
export const ANSWER_BITS = {
  side: 0b11,
  gold: 1 << 2,
  timed: 1 << 3,
  goldAnswered: 1 << 4,
  goldCorrect: 1 << 5,
  compared: 1 << 6,
  agreed: 1 << 7,
  looItem: 1 << 8,
  looAgreed: 1 << 9,
  analysedCompared: 1 << 10,
  analysedAgreed: 1 << 11,
  analysedLooItem: 1 << 12,
  analysedLooAgreed: 1 << 13,
  criterionShift: 16,
} as const;

// The majority of the other votes on a (criterion, pair) whose votes are a, b, t, for an answer w: its own vote taken out.
const others = (a: string, b: string, t: string, w: number) =>
  [`${a} - ${+(w === 0)}`, `${b} - ${+(w === 1)}`, `${t} - ${+(w === 2)}`] as const;
// The leave-one-out item of lib/stats looCounts: ≥ $looMinOthers other votes, more than half of them one answer.
const looItem = (a: string, b: string, t: string, w: number) =>
  `(${a} + ${b} + ${t} - 1 >= $4::int AND ${strictMajorityCodeSql(...others(a, b, t, w))} IS NOT NULL)`;
const bit = (condition: string, value: number) => `CASE WHEN ${condition} THEN ${value} ELSE 0 END`;
// The four agreement bits of an answer w against the votes a, b, t of its (criterion, pair).
const agreementBits = (a: string, b: string, t: string, w: number, bits: [number, number, number, number]) =>
  [
    bit(`${a} + ${b} + ${t} > 1`, bits[0]),
    bit(`${a} + ${b} + ${t} > 1 AND ${majorityCodeSql(...others(a, b, t, w))} = ${w}`, bits[1]),
    bit(looItem(a, b, t, w), bits[2]),
    bit(`${looItem(a, b, t, w)} AND ${strictMajorityCodeSql(...others(a, b, t, w))} = ${w}`, bits[3]),
  ].join(" + ");
const B = ANSWER_BITS;
// The bits of an answer w on a (criterion, pair) that depend on its votes and gold answer only.
const answerBits = (w: number) =>
  `${bit(`"goldW" = ${w}`, B.goldCorrect)}
            + ${agreementBits("a", "b", "t", w, [B.compared, B.agreed, B.looItem, B.looAgreed])}
            + ${agreementBits("aa", "ab", "atie", w, [B.analysedCompared, B.analysedAgreed, B.analysedLooItem, B.analysedLooAgreed])}`;

/**
 * Every annotator's judgments (AnswersRow), gold pairs and excluded annotators included, each
 * reduced to a code (ANSWER_BITS): what a code says about the votes of its (criterion, pair) is
 * worked out once per (criterion, pair) and answer from the kept tallies ("PairVoteTally"; the
 * analysed tallies are those less the `excluded` annotators' votes), so each judgment costs a
 * hash lookup. One pass over the campaign's judgments, one sort by id alone for the ranks (a
 * single byte-order key, which PostgreSQL sorts on abbreviated keys: sorting on (annotator, …,
 * id) was measured ten times slower), then one hashed aggregate per annotator.
 * `goldCriterionId`: the criterion gold pairs are scored on; `looMinOthers`: the leave-one-out
 * rule's minimum; `criteria`: the campaign's criterion ids (a code holds the index); `from` and
 * `below` (null: no bound): only the judgments whose ids lie in that range (byte order), so that
 * ranges split by ANSWERS_PIVOT can run on as many connections sharing one snapshot (readAnswers),
 * ranks counted within the range.
 */
export const ANNOTATOR_ANSWERS = statement<
  AnswersRow,
  [
    campaignId: string,
    excluded: string[],
    goldCriterionId: string | null,
    looMinOthers: number,
    criteria: string[],
    from: string,
    below: string | null,
  ]
>(
  "results_annotator_answers",
  `WITH ex AS (${EXCLUDED_VOTES("")}),
   votes AS (
     SELECT s."pairId", s."criterionId", p."imageAId", p."isGold" AS gold,
            s.a0 + s.a1 AS a, s.b0 + s.b1 AS b, s.t0 + s.t1 AS t,
            s.a0 + s.a1 - coalesce(ex.a0 + ex.a1, 0) AS aa, s.b0 + s.b1 - coalesce(ex.b0 + ex.b1, 0) AS ab,
            s.t0 + s.t1 - coalesce(ex.t0 + ex.t1, 0) AS atie,
            CASE WHEN p."isGold" AND s."criterionId" = $3 AND g."expectedImageId" IS NOT NULL
                 THEN CASE WHEN g."expectedImageId" = p."imageAId" THEN 0 ELSE 1 END END AS "goldW",
            (array_position($5::text[], s."criterionId") - 1) << ${B.criterionShift} AS criterion
     FROM "PairVoteTally" s JOIN "Pair" p ON p.id = s."pairId" LEFT JOIN "GoldPair" g ON g."pairId" = p.id
     LEFT JOIN ex ON ex."pairId" = s."pairId" AND ex."criterionId" = s."criterionId"
     WHERE s."campaignId" = $1),
   t AS MATERIALIZED (
     SELECT "pairId", "criterionId", "imageAId",
            criterion + ${bit("gold", B.gold)} + ${bit(`"goldW" IS NOT NULL`, B.goldAnswered)} AS base,
            ${answerBits(0)} AS w0,
            ${answerBits(1)} AS w1,
            ${answerBits(2)} AS w2
     FROM votes),
   coded AS (
     SELECT j.id, j."annotatorId", j."latencyMs" AS ms, j."createdAt" AS at,
            t.base + CASE WHEN j."latencyMs" IS NULL THEN 0 ELSE ${B.timed} END
            + CASE j.choice WHEN 'left' THEN CASE WHEN j."leftImageId" = t."imageAId" THEN t.w0 ELSE t.w1 END
                            WHEN 'right' THEN 1 + CASE WHEN j."leftImageId" = t."imageAId" THEN t.w1 ELSE t.w0 END
                            ELSE 2 + t.w2 END AS code
     FROM "Judgment" j JOIN t ON t."pairId" = j."pairId" AND t."criterionId" = j."criterionId"
     WHERE j.id COLLATE "C" >= $6::text AND ($7::text IS NULL OR j.id COLLATE "C" < $7::text)
     OFFSET 0), -- codes worked out before the sort, which then moves narrow rows
   f AS (SELECT "annotatorId", ms, at, code, row_number() OVER (ORDER BY id COLLATE "C")::int AS rank FROM coded)
   SELECT "annotatorId", string_agg(int4send(rank), ''::bytea) AS ranks, string_agg(int4send(code), ''::bytea) AS codes,
          string_agg(int4send(coalesce(ms, 0)), ''::bytea) AS latencies,
          string_agg(timestamp_send(at), ''::bytea) AS "recordedAt",
          (extract(epoch FROM max(at)) * 1000)::float8 AS newest
   FROM f GROUP BY 1 ORDER BY "annotatorId" COLLATE "C" -- byte order, as readAnswers merges the parts
  `,
);

/**
 * About the median id (byte order) of the campaign's judgments, from a sample of the table's pages
 * (about `sampleRows` rows of the whole table, so a few milliseconds whatever its size): where
 * readAnswers splits ANNOTATOR_ANSWERS in two ranges of about equal size. Null when the sample
 * holds none of the campaign's judgments. Any pivot gives the same answers; only the balance
 * between the two connections depends on it.
 */
export const ANSWERS_PIVOT = statement<{ pivot: string | null }, [campaignId: string, sampleRows: number]>(
  "results_answers_pivot",
  `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY j.id COLLATE "C") AS pivot
   FROM "Judgment" j
     TABLESAMPLE SYSTEM ((SELECT least(100, 100 * $2::float8 / greatest(reltuples, 1))::real
                          FROM pg_class WHERE oid = '"Judgment"'::regclass)) REPEATABLE (0)
   JOIN "Pair" p ON p.id = j."pairId"
   WHERE p."campaignId" = $1`,
);

/** Per criterion: the analysed judgments' pairs, annotators and winner codes, in judgment order (Dawid–Skene). */
export const ANALYSED_RATINGS = statement<
  { criterionId: string; pairs: string[]; annotators: string[]; winners: number[] },
  [campaignId: string, excluded: string[]]
>(
  "results_analysed_ratings",
  `SELECT j."criterionId", array_agg(j."pairId" ORDER BY j.id) AS pairs, array_agg(j."annotatorId" ORDER BY j.id) AS annotators,
          array_agg(${winnerCodeSql("j.choice::text", `j."leftImageId" = p."imageAId"`)} ORDER BY j.id) AS winners
   FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
   WHERE p."campaignId" = $1 AND NOT p."isGold" AND j."annotatorId" <> ALL($2::text[])
   GROUP BY 1`,
);

/** Judgments per hour ago (0 = the last hour) over the last 12 hours, from the kept 5-minute counts; empty hours absent. */
export const JUDGMENT_PACE = statement<{ hoursAgo: number; judgments: number }, [campaignId: string]>(
  "results_judgment_pace",
  `SELECT floor(extract(epoch FROM now() - bucket) / 3600)::int AS "hoursAgo", sum(judgments)::int AS judgments
   FROM "CampaignJudgmentPace"
   WHERE "campaignId" = $1 AND bucket > now() - interval '12 hours'
   GROUP BY 1`,
);

/**
 * The judgment export's dictionaries for this transaction (lib/results/judgments-csv.ts): COPY
 * takes no parameters, so JUDGMENT_CSV_LINES reads them from this setting.
 */
export const SET_JUDGMENT_EXPORT = statement<{ set: string }, [dictionaries: string]>(
  "results_set_judgment_export",
  `SELECT set_config('photogenic.judgment_export', $1, true) AS set`,
);

// latency_ms / 1000 as JavaScript prints it (1234 → 1.234, 1500 → 1.5, 2000 → 2), in integer arithmetic.
const SECONDS_TEXT = `CASE WHEN j."latencyMs" IS NULL THEN ''
     ELSE CASE WHEN j."latencyMs" < 0 THEN '-' ELSE '' END || (abs(j."latencyMs") / 1000)::text
          || CASE WHEN abs(j."latencyMs") % 1000 = 0 THEN ''
                  ELSE '.' || rtrim(lpad((abs(j."latencyMs") % 1000)::text, 3, '0'), '0') END END`;

const EXPORT_WINNER = winnerCodeSql("j.choice::text", `j."leftImageId" = pp."imageAId"`);

/**
 * Every judgment of the export's campaign as one CSV line (with its CRLF), in judgment id order
 * (byte order, COLLATE "C": the ids are ASCII, so the database collation's order, but sorted on
 * abbreviated keys — measured about twice as fast on a million rows).
 * Reads the dictionaries set by SET_JUDGMENT_EXPORT: `campaign`, `analysedOnly`, and per pair,
 * annotator and criterion the fields already written as CSV by lib/results/csv.ts, so every
 * quoting rule stays in one place and only numbers, times and answers are written here (none
 * of which can need quoting). The dictionaries are MATERIALIZED: inlined, each line would parse
 * its pair's JSON again for every field (measured: 3× the whole export's time). One concat_ws
 * builds the line (a chain of || copies it once per field). An annotator the dictionary lacks
 * (one who judged without joining: the export reads participants only) gets the pseudonym from
 * annotatorPseudonymSql and empty crowd fields, never excluded.
 */
export const JUDGMENT_CSV_LINES = statement<{ line: string }, []>(
  "results_judgment_csv_lines",
  `WITH d AS (SELECT current_setting('photogenic.judgment_export')::json AS d),
   pairs AS MATERIALIZED (
     SELECT x->>0 AS id, x->>1 AS prefix, x->>2 AS "leftA", x->>3 AS "leftB", x->>4 AS "winA", x->>5 AS "winB",
            (x->>6)::boolean AS gold
     FROM d, json_array_elements(d.d->'pairs') x),
   annotators AS MATERIALIZED (
     SELECT x->>0 AS id, x->>1 AS fields, (x->>2)::boolean AS excluded FROM d, json_array_elements(d.d->'annotators') x),
   criteria AS MATERIALIZED (SELECT x->>0 AS id, x->>1 AS field FROM d, json_array_elements(d.d->'criteria') x)
   SELECT concat_ws(',', p.prefix, CASE WHEN j."leftImageId" = pp."imageAId" THEN p."leftA" ELSE p."leftB" END,
                    c.field, j.choice, CASE ${EXPORT_WINNER} WHEN 0 THEN p."winA" WHEN 1 THEN p."winB" ELSE 'tie' END,
                    coalesce(a.fields, ${annotatorPseudonymSql(`(SELECT d->>'campaign' FROM d)`, `j."annotatorId"`)} || ',,,'),
                    coalesce(j."latencyMs"::text, ''), ${SECONDS_TEXT},
                    to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), p.gold::text, coalesce(a.excluded, false)::text || E'\r\n') AS line
   FROM "Pair" pp
   JOIN "Judgment" j ON j."pairId" = pp.id
   JOIN pairs p ON p.id = pp.id
   LEFT JOIN annotators a ON a.id = j."annotatorId"
   JOIN criteria c ON c.id = j."criterionId"
   WHERE pp."campaignId" = (SELECT d->>'campaign' FROM d)
     AND (NOT (SELECT (d->>'analysedOnly')::boolean FROM d) OR (NOT p.gold AND NOT coalesce(a.excluded, false)))
   ORDER BY j.id COLLATE "C"`,
);

/** Baseline of the export bench (COPY … FORMAT csv): the export's judgments, their own columns only, nothing joined or formatted, in the export's order. */
export const RAW_JUDGMENT_COLUMNS = statement<
  {
    id: string;
    pairId: string;
    criterionId: string;
    annotatorId: string;
    choice: string;
    leftImageId: string;
    latencyMs: number | null;
    createdAt: Date;
  },
  []
>(
  "results_raw_judgment_columns",
  `SELECT j.id, j."pairId", j."criterionId", j."annotatorId", j.choice::text AS choice, j."leftImageId", j."latencyMs", j."createdAt"
   FROM "Pair" pp JOIN "Judgment" j ON j."pairId" = pp.id
   WHERE pp."campaignId" = current_setting('photogenic.judgment_export')::json->>'campaign'
   ORDER BY j.id COLLATE "C"`,
);

/** Baseline of the report bench: one plain pass over the campaign's judgment rows (a seq scan joined with its pairs, nothing sorted or sent). */
export const JUDGMENT_SCAN = statement<{ n: number }, [campaignId: string]>(
  "results_judgment_scan",
  `SELECT count(j."latencyMs")::int AS n FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" WHERE p."campaignId" = $1`,
);

// The synthetic fill (insertSyntheticJudgments): set-based, generate_series, no round trip per row.

/** `count` annotator accounts `<tag>-1` … `<tag>-<count>`. */
export const SYNTHETIC_ANNOTATORS = statement<never, [tag: string, count: number]>(
  "synthetic_annotators",
  `INSERT INTO "User" (id, email, role, "updatedAt")
   SELECT $1::text || '-' || g, $1::text || '-' || g || '@synthetic.local', 'annotator', now() FROM generate_series(1, $2::int) g
   ON CONFLICT DO NOTHING`,
);

/** Their participations in the campaign (`idPattern`: `<tag>-%`). */
export const SYNTHETIC_PARTICIPATIONS = statement<never, [campaignId: string, idPattern: string]>(
  "synthetic_participations",
  `INSERT INTO "Participation" (id, "campaignId", "userId", "createdAt")
   SELECT 'pa-' || u.id, $1, u.id, now() FROM "User" u WHERE u.id LIKE $2
   ON CONFLICT DO NOTHING`,
);

/** A completed assignment of every regular pair to each of them, sides at random. */
export const SYNTHETIC_ASSIGNMENTS = statement<never, [campaignId: string, idPattern: string]>(
  "synthetic_assignments",
  `INSERT INTO "Assignment" (id, "pairId", "annotatorId", "leftImageId", "criterionIds", status, "leaseExpiresAt", "createdAt", "completedAt")
   SELECT 'as-' || md5(p.id || u.id), p.id, u.id, CASE WHEN random() < 0.5 THEN p."imageAId" ELSE p."imageBId" END,
          (SELECT array_agg(c.id) FROM "Criterion" c WHERE c."campaignId" = $1), 'completed', now(), now(), now()
   FROM "Pair" p CROSS JOIN "User" u
   WHERE p."campaignId" = $1 AND NOT p."isGold" AND u.id LIKE $2
   ON CONFLICT DO NOTHING`,
);

/** Up to `limit` judgments on those assignments, every criterion, leaning towards model A. */
export const SYNTHETIC_JUDGMENTS = statement<never, [campaignId: string, limit: number]>(
  "synthetic_judgments",
  `INSERT INTO "Judgment" (id, "pairId", "criterionId", "annotatorId", "assignmentId", choice, "leftImageId", "latencyMs", "idempotencyKey", "createdAt")
   SELECT 'j-' || md5(a.id || c.id), a."pairId", c.id, a."annotatorId", a.id,
          (CASE WHEN r < (CASE WHEN a."leftImageId" = p."imageAId" THEN 0.55 ELSE 0.30 END) THEN 'left'
                WHEN r < 0.85 THEN 'right'
                WHEN 'tie' = ANY(c.choices) THEN 'tie' ELSE 'both' END)::"Choice",
          a."leftImageId", (800 + r * 4000)::int, 'syn-' || md5(a.id || c.id), now()
   FROM (SELECT *, random() AS r FROM "Assignment") a
   JOIN "Pair" p ON p.id = a."pairId" AND p."campaignId" = $1
   CROSS JOIN "Criterion" c
   WHERE c."campaignId" = $1 AND a.id LIKE 'as-%'
   LIMIT $2
   ON CONFLICT DO NOTHING`,
);
