import "server-only";
import { statement } from "../db/prepared";
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
 * [criterionId, pairId, choice, leftIsA, excluded, count, rank]: in the order of the (criterion,
 * pair)'s first analysed judgment; `rank` orders the (criterion, pair)s by their first judgment of all.
 */
export type VoteCellRow = [string, string, string, boolean, boolean, number, number];

/**
 * One annotator's answers counted and listed (lib/stats AnnotatorAnswers): judgments, judgments
 * on gold pairs, gold answered and correct, votes compared with the others on their (criterion,
 * pair) and equal to the others' majority, leave-one-out items and those agreed with, latencies
 * in ms, the side of each answer ('l', 'r', 't' in one string), recording times (epoch ms), newest.
 */
export interface AnswersRow {
  annotatorId: string;
  judgments: number;
  onGold: number;
  goldAnswered: number;
  goldCorrect: number;
  compared: number;
  agreed: number;
  looItems: number;
  looAgreed: number;
  latencies: number[];
  sides: string;
  recordedAt: number[];
  newest: number;
}

/** AnswersRow of an annotator's analysed judgments under one criterion, as JSON (recording times and gold left out). */
export type CriterionAnswersRow = [
  annotatorId: string,
  criterionId: string,
  judgments: number,
  compared: number,
  agreed: number,
  looItems: number,
  looAgreed: number,
  latencies: number[],
  sides: string,
];

const WINNER = winnerCodeSql("j.choice::text", `j."leftImageId" = p."imageAId"`);
// The side of an answer (lib/stats chosenSide): the side of the model voted for, 't' for a tie.
const SIDE = `CASE WHEN w = 2 THEN 't' WHEN (w = 0) = "leftIsA" THEN 'l' ELSE 'r' END`;
// The majority of the other votes on a judgment's (criterion, pair): its own vote taken out.
const others = (a: string, b: string, t: string) =>
  [`${a} - (w = 0)::int`, `${b} - (w = 1)::int`, `${t} - (w = 2)::int`] as const;
const othersAgree = (a: string, b: string, t: string) => `${majorityCodeSql(...others(a, b, t))} = w`;
// The leave-one-out item of lib/stats looCounts: ≥ $looMinOthers other votes, more than half of them one answer.
const looItem = (a: string, b: string, t: string, minOthers: string) =>
  `(${a} + ${b} + ${t} - 1 >= ${minOthers} AND ${strictMajorityCodeSql(...others(a, b, t))} IS NOT NULL)`;
const looAgrees = (a: string, b: string, t: string) => `${strictMajorityCodeSql(...others(a, b, t))} = w`;

/**
 * Every annotator's answers over all their judgments, gold pairs and excluded annotators included
 * (annotator quality and its crowd-quality signals, which decide the flag-based exclusion): counts
 * and, per annotator, compact arrays in recording order (createdAt, then id). `goldCriterionId`:
 * the criterion gold pairs are scored on; `looMinOthers`: the leave-one-out rule's minimum.
 */
export const ANNOTATOR_ANSWERS = statement<
  AnswersRow,
  [campaignId: string, goldCriterionId: string | null, looMinOthers: number]
>(
  "results_annotator_answers",
  `WITH v AS MATERIALIZED (
     SELECT j.id, j."annotatorId" AS annotator, j."criterionId" AS criterion, j."pairId" AS pair, j."latencyMs" AS ms,
            j."createdAt" AS at, j."leftImageId" = p."imageAId" AS "leftIsA", p."isGold" AS gold, ${WINNER} AS w,
            CASE WHEN p."isGold" AND j."criterionId" = $2 AND g."expectedImageId" IS NOT NULL
                 THEN CASE WHEN g."expectedImageId" = p."imageAId" THEN 0 ELSE 1 END END AS "goldW"
     FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId" LEFT JOIN "GoldPair" g ON g."pairId" = p.id
     WHERE p."campaignId" = $1),
   groups AS (
     SELECT criterion, pair, count(*) FILTER (WHERE w = 0)::int AS a, count(*) FILTER (WHERE w = 1)::int AS b,
            count(*) FILTER (WHERE w = 2)::int AS t
     FROM v GROUP BY criterion, pair),
   votes AS (
     SELECT v.*, g.a + g.b + g.t > 1 AS compared, ${othersAgree("g.a", "g.b", "g.t")} AS agrees,
            ${looItem("g.a", "g.b", "g.t", "$3::int")} AS "looItem", ${looAgrees("g.a", "g.b", "g.t")} AS "looAgrees"
     FROM groups g JOIN v ON v.criterion = g.criterion AND v.pair = g.pair)
   SELECT annotator AS "annotatorId", count(*)::int AS judgments, count(*) FILTER (WHERE gold)::int AS "onGold",
          count("goldW")::int AS "goldAnswered", count(*) FILTER (WHERE w = "goldW")::int AS "goldCorrect",
          count(*) FILTER (WHERE compared)::int AS compared, count(*) FILTER (WHERE compared AND agrees)::int AS agreed,
          count(*) FILTER (WHERE "looItem")::int AS "looItems",
          count(*) FILTER (WHERE "looItem" AND "looAgrees")::int AS "looAgreed",
          coalesce(array_agg(ms) FILTER (WHERE ms IS NOT NULL), '{}') AS latencies,
          string_agg(${SIDE}, '' ORDER BY at, id) AS sides,
          array_agg((extract(epoch FROM at) * 1000)::float8 ORDER BY at, id) AS "recordedAt",
          (extract(epoch FROM max(at)) * 1000)::float8 AS newest
   FROM votes GROUP BY annotator ORDER BY annotator`,
);

/**
 * A campaign's regular judgments reduced to what the figures need (docs/STATISTICS.md, "Where
 * each figure comes from"), in one statement over one snapshot:
 * - cells: votes per (criterion, pair, answer, side of model A, excluded annotator), in the order
 *   of each (criterion, pair)'s first analysed judgment by id — the order judgments are exported
 *   in, which the bootstrap's cluster order follows — with the rank of its first judgment of all
 *   (the figures with the excluded annotators put back);
 * - answers: per (annotator, criterion) over the analysed judgments (annotators not in
 *   `excluded`), CriterionAnswersRow, sides in judgment id order;
 * - judges: per criterion, the annotators of every regular judgment, excluded ones included.
 * `excluded` are user ids; `looMinOthers` as in ANNOTATOR_ANSWERS.
 */
export const CAMPAIGN_REDUCTION = statement<
  { cells: VoteCellRow[]; answers: CriterionAnswersRow[]; judges: [criterionId: string, annotators: number][] },
  [campaignId: string, excluded: string[], looMinOthers: number]
>(
  "results_campaign_reduction",
  `WITH v AS MATERIALIZED (
     SELECT j.id, j."annotatorId" AS annotator, j."criterionId" AS criterion, j."pairId" AS pair, j."latencyMs" AS ms,
            j.choice::text AS choice, j."leftImageId" = p."imageAId" AS "leftIsA",
            j."annotatorId" <> ALL($2::text[]) AS analysed, ${WINNER} AS w
     FROM "Judgment" j JOIN "Pair" p ON p.id = j."pairId"
     WHERE p."campaignId" = $1 AND NOT p."isGold"),
   cells AS (
     SELECT criterion, pair, choice, "leftIsA", NOT analysed AS excluded, count(*)::int AS n,
            min(min(id) FILTER (WHERE analysed)) OVER (PARTITION BY criterion, pair) AS first,
            min(min(id)) OVER (PARTITION BY criterion, pair) AS "firstAll"
     FROM v GROUP BY criterion, pair, choice, "leftIsA", analysed),
   ranked AS (SELECT *, dense_rank() OVER (ORDER BY "firstAll", criterion, pair)::int AS rank FROM cells),
   groups AS MATERIALIZED (
     SELECT criterion, pair, count(*) FILTER (WHERE w = 0)::int AS a, count(*) FILTER (WHERE w = 1)::int AS b,
            count(*) FILTER (WHERE w = 2)::int AS t
     FROM v WHERE analysed GROUP BY criterion, pair),
   votes AS (
     SELECT v.*, g.a + g.b + g.t > 1 AS compared, ${othersAgree("g.a", "g.b", "g.t")} AS agrees,
            ${looItem("g.a", "g.b", "g.t", "$3::int")} AS "looItem", ${looAgrees("g.a", "g.b", "g.t")} AS "looAgrees"
     FROM groups g JOIN v ON v.criterion = g.criterion AND v.pair = g.pair WHERE v.analysed),
   answers AS (
     SELECT annotator, criterion, count(*)::int AS judgments,
            count(*) FILTER (WHERE compared)::int AS compared, count(*) FILTER (WHERE compared AND agrees)::int AS agreed,
            count(*) FILTER (WHERE "looItem")::int AS "looItems",
            count(*) FILTER (WHERE "looItem" AND "looAgrees")::int AS "looAgreed",
            coalesce(json_agg(ms) FILTER (WHERE ms IS NOT NULL), '[]') AS latencies,
            string_agg(${SIDE}, '' ORDER BY id) AS sides
     FROM votes GROUP BY annotator, criterion)
   SELECT
     (SELECT coalesce(json_agg(json_build_array(criterion, pair, choice, "leftIsA", excluded, n, rank)
                               ORDER BY first, criterion, pair), '[]')
      FROM ranked) AS cells,
     (SELECT coalesce(json_agg(json_build_array(annotator, criterion, judgments, compared, agreed, "looItems", "looAgreed",
                                                latencies, sides) ORDER BY annotator, criterion), '[]')
      FROM answers) AS answers,
     (SELECT coalesce(json_agg(json_build_array(criterion, n) ORDER BY criterion), '[]')
      FROM (SELECT criterion, count(DISTINCT annotator)::int AS n FROM v GROUP BY criterion) x) AS judges`,
);

/** Per criterion: the analysed judgments' pairs, annotators and winner codes, in judgment order (Dawid–Skene). */
export const ANALYSED_RATINGS = statement<
  { criterionId: string; pairs: string[]; annotators: string[]; winners: number[] },
  [campaignId: string, excluded: string[]]
>(
  "results_analysed_ratings",
  `SELECT j."criterionId", array_agg(j."pairId" ORDER BY j.id) AS pairs, array_agg(j."annotatorId" ORDER BY j.id) AS annotators,
          array_agg(${WINNER} ORDER BY j.id) AS winners
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
 * Every judgment of the export's campaign as one CSV line (with its CRLF), in judgment id order.
 * Reads the dictionaries set by SET_JUDGMENT_EXPORT: `campaign`, `analysedOnly`, and per pair,
 * annotator and criterion the fields already written as CSV by lib/results/csv.ts, so every
 * quoting rule stays in one place and only numbers, times and answers are written here (none
 * of which can need quoting).
 */
export const JUDGMENT_CSV_LINES = statement<{ line: string }, []>(
  "results_judgment_csv_lines",
  `WITH d AS (SELECT current_setting('photogenic.judgment_export')::json AS d),
   pairs AS (
     SELECT x->>0 AS id, x->>1 AS prefix, x->>2 AS "leftA", x->>3 AS "leftB", x->>4 AS "winA", x->>5 AS "winB",
            (x->>6)::boolean AS gold
     FROM d, json_array_elements(d.d->'pairs') x),
   annotators AS (
     SELECT x->>0 AS id, x->>1 AS fields, (x->>2)::boolean AS excluded FROM d, json_array_elements(d.d->'annotators') x),
   criteria AS (SELECT x->>0 AS id, x->>1 AS field FROM d, json_array_elements(d.d->'criteria') x)
   SELECT p.prefix || ',' || CASE WHEN j."leftImageId" = pp."imageAId" THEN p."leftA" ELSE p."leftB" END
          || ',' || c.field || ',' || j.choice::text
          || ',' || CASE ${EXPORT_WINNER} WHEN 0 THEN p."winA" WHEN 1 THEN p."winB" ELSE 'tie' END
          || ',' || a.fields || ',' || coalesce(j."latencyMs"::text, '')
          || ',' || ${SECONDS_TEXT}
          || ',' || to_char(j."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          || ',' || p.gold::text || ',' || a.excluded::text || E'\\r\\n' AS line
   FROM "Pair" pp
   JOIN "Judgment" j ON j."pairId" = pp.id
   JOIN pairs p ON p.id = pp.id
   JOIN annotators a ON a.id = j."annotatorId"
   JOIN criteria c ON c.id = j."criterionId"
   WHERE pp."campaignId" = (SELECT d->>'campaign' FROM d)
     AND (NOT (SELECT (d->>'analysedOnly')::boolean FROM d) OR (NOT p.gold AND NOT a.excluded))
   ORDER BY j.id`,
);

/** Baseline of the export bench (COPY … FORMAT csv): the export's judgments, their own columns only, nothing joined or formatted. */
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
   ORDER BY j.id`,
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
