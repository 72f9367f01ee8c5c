import type { CriterionStats, HeadToHead } from "../stats";
import { FORMATS, pct, pValue, type FormatName } from "./format";
import type { ReportJson } from "./report-json";
import type { ResultsSettings } from "./settings";

/**
 * How a criterion's figures are read, the same on the results page and in the HTML report: its
 * label and place in the protocol, each matchup oriented toward the reference model (or its
 * leader), the one-line verdict, and why agreement is missing when it is. Pure: from the report
 * JSON and the settings only.
 */
export type Reading = Pick<ResultsSettings, "ties" | "interval" | "level" | "aggregation">;

/** Where each interval method's bounds sit in a rate's JSON. */
export const INTERVAL_PATHS: Record<ResultsSettings["interval"], string> = {
  wilson: "wilson",
  "bootstrap-percentile": "bootstrap.percentile",
  "bootstrap-bca": "bootstrap.bca",
};

/**
 * JSON path (relative to a head-to-head) of the headline rate and of its interval bounds. A
 * head-to-head on too few prompts for a bootstrap (h.smallSample) shows Wilson over prompts,
 * whatever the chosen method: the only interval of those that is honest at that size.
 */
export function headlinePaths(
  s: Pick<Reading, "ties" | "interval">,
  h?: Pick<HeadToHead, "smallSample">,
): { rate: string; lower: string; upper: string } {
  const rate = s.ties === "half" ? "winRateTiesHalf" : "winRateTiesExcluded";
  const interval = h?.smallSample ? "wilsonPrompts" : INTERVAL_PATHS[s.interval];
  return { rate: `${rate}.estimate`, lower: `${rate}.${interval}.lower`, upper: `${rate}.${interval}.upper` };
}

/**
 * The note shown beside an interval of a head-to-head on too few prompts for a bootstrap
 * ("Wilson over 3 prompts: too few for a bootstrap (< 10)"); null otherwise.
 */
export function smallSampleFlag(h: Pick<HeadToHead, "smallSample">): string | null {
  const small = h.smallSample;
  if (!small) return null;
  const prompts = `${small.prompts} prompt${small.prompts === 1 ? "" : "s"}`;
  return `Wilson over ${prompts}: too few for a bootstrap (< ${small.minimumPrompts})`;
}

/** "visual_appeal" → "Visual appeal": a criterion's key as a heading. */
export function criterionLabel(key: string | null): string {
  if (key === null || key.trim() === "") return "All judgments";
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The report's criteria in protocol order (the campaign's criterion positions), each with its
 * index in `stats.criteria` (the JSON paths) and its protocol entry; criteria the protocol does
 * not name (none today) come last, in key order.
 */
export function inProtocolOrder(report: Pick<ReportJson, "stats" | "protocol">) {
  const keys = report.protocol.criteria.map((p) => p.key);
  const place = (key: string | null) => {
    const i = key === null ? -1 : keys.indexOf(key);
    return i < 0 ? keys.length : i;
  };
  return report.stats.criteria
    .map((c, ci) => ({ c, ci, protocol: report.protocol.criteria.find((p) => p.key === c.criterion) ?? null }))
    .sort((x, y) => place(x.c.criterion) - place(y.c.criterion));
}

/** One number of a matchup as read: its path (relative to the head-to-head), its format, value and text. */
export interface ReadField {
  rel: string;
  format: FormatName;
  /** The value as read (a rate of the first-named model), null when absent. */
  value: number | null;
  text: string;
}

const SWAPPED: Record<string, string> = {
  "counts.win": "counts.loss",
  "counts.loss": "counts.win",
  "winShare.estimate": "lossShare",
  lossShare: "winShare.estimate",
  "signTest.wins": "signTest.losses",
  "signTest.losses": "signTest.wins",
};

function at(root: unknown, rel: string): number | null {
  const v = rel
    .split(".")
    .reduce<unknown>((o, k) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[k]), root);
  return typeof v === "number" ? v : null;
}

/**
 * A head-to-head read from the other side: its model and opponent swapped, wins and losses
 * swapped, every rate r read as 1 − r with its interval [1 − upper, 1 − lower]. Nothing is
 * recomputed: each number is a JSON value (`rel`), shown through a format (pctComplement for
 * 1 − r), so the HTML report's numbers can still be checked against the JSON.
 */
export interface MatchupReading {
  h: HeadToHead;
  /** Read from the opponent's side. */
  flipped: boolean;
  model: string;
  opponent: string;
  /** "smooth vs noisy", first-named model first. */
  label: string;
  field(rel: string, format: FormatName): ReadField;
  /**
   * The headline rate and interval under the settings, as read, with the small-sample flag when
   * the interval is Wilson over prompts; null when the rate is undefined (all ties, ties excluded).
   */
  headline(
    s: Pick<Reading, "ties" | "interval">,
  ): { estimate: number; lower: number | null; upper: number | null; flag: string | null } | null;
}

export function readMatchup(h: HeadToHead, flipped: boolean): MatchupReading {
  const [model, opponent] = flipped ? [h.opponent, h.model] : [h.model, h.opponent];
  const field = (rel: string, format: FormatName): ReadField => {
    let path = rel,
      f = format;
    if (flipped && SWAPPED[rel]) path = SWAPPED[rel];
    else if (flipped && /^(winRateTiesHalf|winRateTiesExcluded)\./.test(rel)) {
      path = rel.replace(/\.(lower|upper)$/, (_, b: string) => (b === "lower" ? ".upper" : ".lower"));
      if (format === "pct") f = "pctComplement";
    }
    const raw = at(h, path);
    const value = raw === null ? null : f === "pctComplement" ? 1 - raw : raw;
    return { rel: path, format: f, value, text: FORMATS[f](raw) };
  };
  return {
    h,
    flipped,
    model,
    opponent,
    label: `${model} vs ${opponent}`,
    field,
    headline(s) {
      const p = headlinePaths(s, h);
      const rate = field(p.rate, "pct").value;
      if (rate === null) return null;
      const [lower, upper] = [field(p.lower, "pct").value, field(p.upper, "pct").value];
      return { estimate: rate, lower, upper, flag: smallSampleFlag(h) };
    },
  };
}

/**
 * How every matchup of a criterion is oriented: the reference model first when it plays;
 * otherwise the leader of the two (headline rate ≥ 50% in this criterion's overall matchup)
 * first, so a matchup never reads loser-first. Breakdown groups follow their overall matchup.
 */
export function matchupReader(c: CriterionStats, reference: string | null, s: Pick<Reading, "ties" | "interval">) {
  const leader = (h: HeadToHead): string => {
    const overall = c.headToHead.find(
      (x) => (x.model === h.model && x.opponent === h.opponent) || (x.model === h.opponent && x.opponent === h.model),
    );
    const r = overall ? readMatchup(overall, false).headline(s) : null;
    if (!overall || r === null) return h.model;
    return r.estimate >= 0.5 ? overall.model : overall.opponent;
  };
  return (h: HeadToHead): MatchupReading => {
    if (reference === h.model || reference === h.opponent) return readMatchup(h, h.opponent === reference);
    return readMatchup(h, leader(h) !== h.model);
  };
}

/** The criterion's matchups as read: the reference model's first, each with its index in `headToHead`. */
export function readMatchups(c: CriterionStats, reference: string | null, s: Pick<Reading, "ties" | "interval">) {
  const read = matchupReader(c, reference, s);
  return c.headToHead
    .map((h, i) => ({ m: read(h), i }))
    .sort((x, y) => Number(y.m.model === reference) - Number(x.m.model === reference));
}

/** What one rate counts: "decided pairs", "pairs (ties count half)", or the same in judgments. */
function unitsOf(s: Reading): string {
  const unit = s.aggregation === "judgment" ? "judgments" : "pairs";
  return s.ties === "excluded" ? `of decided ${unit}` : `of ${unit} (ties count half)`;
}

/** "significant (the 95% interval excludes 50%)", or by the sign test where no interval is defined. */
function significance(m: MatchupReading, s: Reading): string {
  const r = m.headline(s);
  if (r && r.lower !== null && r.upper !== null) {
    const excludes = r.lower > 0.5 || r.upper < 0.5;
    return excludes
      ? `significant (the ${pct(s.level, 0)} interval excludes 50%)`
      : `not significant (the ${pct(s.level, 0)} interval includes 50%)`;
  }
  const p = m.h.signTest.pValue;
  return `${p < 1 - s.level ? "significant" : "not significant"} by the sign test (p = ${pValue(p)})`;
}

/** "wins 72.0% [61.0%, 81.0%] of decided pairs over noisy", or "loses … to …" when below 50%. */
function outcomeClause(m: MatchupReading, s: Reading): string {
  const r = m.headline(s);
  if (r === null) return `tied with ${m.opponent} on every ${s.aggregation === "judgment" ? "judgment" : "pair"}`;
  const wins = r.estimate >= 0.5;
  const [e, lo, hi] = wins ? [r.estimate, r.lower, r.upper] : [1 - r.estimate, flip(r.upper), flip(r.lower)];
  const interval = lo !== null && hi !== null ? ` [${pct(lo)}, ${pct(hi)}]` : "";
  return `${wins ? "wins" : "loses"} ${pct(e)}${interval} ${unitsOf(s)} ${wins ? "over" : "to"} ${m.opponent}`;
}
const flip = (x: number | null) => (x === null ? null : 1 - x);

/**
 * The criterion's one-line verdict, oriented toward the reference model:
 * two models — "smooth wins 72.0% [61.0%, 81.0%] of decided pairs over noisy; significant (the
 * 95% interval excludes 50%)"; more — its Bradley–Terry rank, then one clause per opponent.
 * Significance is the headline interval excluding 50% (the sign test where it has no interval).
 */
export function criterionVerdict(c: CriterionStats, reference: string | null, s: Reading): string {
  if (c.headToHead.length === 0) return "No two models have met on this criterion yet.";
  const mine = readMatchups(c, reference, s).filter(({ m }) => m.model === reference);
  if (reference === null || mine.length === 0) {
    const leader = c.leaderboard?.rows[0]?.model;
    return `${reference ?? "The reference model"} has no judged pair on this criterion yet${leader ? `; ${leader} leads` : ""}.`;
  }
  if (mine.length === 1 && c.models.length === 2) {
    const { m } = mine[0];
    return `${reference} ${outcomeClause(m, s)}; ${significance(m, s)}.`;
  }
  const row = c.leaderboard?.rows.find((r) => r.model === reference);
  const rank = row ? `${reference} ranks #${row.rank} of ${c.models.length} (Bradley–Terry)` : reference;
  return `${rank}: ${mine.map(({ m }) => `${outcomeClause(m, s)}, ${significance(m, s)}`).join("; ")}.`;
}

/** Below this many pairs judged at least twice, agreement is flagged as resting on few pairs. */
export const FEW_AGREEMENT_PAIRS = 10;

/**
 * Why the agreement figures are missing or thin, in words; null when enough pairs were judged
 * at least twice. Agreement compares judgments of one pair, so it needs pairs with ≥ 2; pairs are
 * handed out least-judged first (lib/assignment), so a pair gets its second judgment only once
 * every open pair has its first.
 */
export function agreementNote(c: CriterionStats, judgmentsPerPair: number | null): string | null {
  const n = c.agreement.items;
  if (n >= FEW_AGREEMENT_PAIRS) return null;
  if (judgmentsPerPair === 1)
    return "The protocol asks one judgment per pair on this criterion, so agreement between annotators cannot be measured.";
  if (n === 0)
    return (
      `Agreement cannot be measured yet: no pair has two judgments on this criterion. ` +
      `Its ${c.judgments} judgments are spread over ${c.pairs} pairs, because pairs are handed out least-judged first ` +
      `(a pair gets its second judgment once every pair has one${judgmentsPerPair ? `; the target is ${judgmentsPerPair} per pair` : ""}). ` +
      `The depth-first fill policy fills each pair to its target before opening new ones.`
    );
  return `Agreement rests on few pairs: only ${n} of ${c.pairs} pairs have two or more judgments on this criterion, so treat it as rough.`;
}
