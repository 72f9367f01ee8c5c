import type { CriterionStats, HeadToHead } from "../stats";
import { fixed, pct } from "./format";
import { intervalPlotSvg, type IntervalRow } from "./charts/interval-plot";
import { stackedBarsSvg } from "./charts/stacked-bars";
import { winMatrixSvg } from "./charts/win-matrix";
import {
  criterionLabel,
  headlinePaths,
  matchupReader,
  readMatchup,
  readMatchups,
  smallSampleFlag,
  type MatchupReading,
} from "./criterion-reading";
import type { ResultsSettings } from "./settings";

export { headlinePaths, smallSampleFlag };

/**
 * What the page and the HTML report show for one criterion, derived from the report JSON only
 * (so both views show the same figures): the headline rate under the chosen tie rule and interval
 * method, and the charts. Matchups are read toward the reference model (criterion-reading.ts).
 */
type Shown = Pick<ResultsSettings, "ties" | "interval">;

/** Each interval method's name in prose (where its bounds sit: INTERVAL_PATHS in criterion-reading.ts). */
const INTERVAL_NAMES: Record<ResultsSettings["interval"], string> = {
  wilson: "Wilson score",
  "bootstrap-percentile": "prompt bootstrap (percentile)",
  "bootstrap-bca": "prompt bootstrap (BCa)",
};

/**
 * The headline rate of a head-to-head as the JSON orients it, with its interval (Wilson over
 * prompts, flagged, below the bootstrap's minimum of prompts); criterion-reading.ts reads it from
 * either side.
 */
export function headline(h: HeadToHead, s: Shown): ReturnType<MatchupReading["headline"]> {
  return readMatchup(h, false).headline(s);
}

export function describeSettings(s: Shown & { level: number }): string {
  const interval = INTERVAL_NAMES[s.interval];
  return `win rate with ties ${s.ties === "half" ? "counted half" : "excluded"}, ${pct(s.level, 0)} ${interval} interval`;
}

/** Win / tie / loss bars, one per matchup read toward `reference` (its matchups first). */
export function stackedBarsChart(c: CriterionStats, s: Shown, reference: string | null): string {
  return stackedBarsSvg(
    readMatchups(c, reference, s).map(({ m }) => ({
      label: m.label,
      win: m.field("winShare.estimate", "pct").value ?? 0,
      tie: m.h.tieShare,
      loss: m.field("lossShare", "pct").value ?? 0,
      rate: m.headline(s),
    })),
    `${criterionLabel(c.criterion)}: win, tie and loss shares`,
  );
}

const RATE_AXIS = { min: 0, max: 1, reference: 0.5, ticks: [0, 0.25, 0.5, 0.75, 1], tick: (v: number) => pct(v, 0) };

/** Per-group head-to-heads of one breakdown dimension, with their place in the JSON. */
export function breakdownEntries(c: CriterionStats, dimension: "category" | "challenge") {
  return c.breakdowns.flatMap((b, bi) =>
    b.dimension === dimension
      ? b.headToHead.map((h, hi) => ({ group: b.group, h, path: `breakdowns.${bi}.headToHead.${hi}` }))
      : [],
  );
}

export function breakdownChart(
  c: CriterionStats,
  dimension: "category" | "challenge",
  s: Shown,
  reference: string | null,
): string | null {
  const read = matchupReader(c, reference, s);
  const rows: IntervalRow[] = [];
  for (const { group, h } of breakdownEntries(c, dimension)) {
    const m = read(h);
    const r = m.headline(s);
    if (!r) continue;
    const label = c.headToHead.length > 1 ? `${group}: ${m.label}` : group;
    // A flagged interval is marked in the plot too: "(Wilson, few prompts)".
    rows.push({
      label: r.flag ? `${label} (Wilson, few prompts)` : label,
      estimate: r.estimate,
      lower: r.lower,
      upper: r.upper,
    });
  }
  const who = c.headToHead.length === 1 ? `${read(c.headToHead[0]).model}'s ` : "";
  return rows.length === 0
    ? null
    : intervalPlotSvg(rows, `${criterionLabel(c.criterion)}: ${who}win rate by ${dimension}`, RATE_AXIS);
}

export function leaderboardChart(c: CriterionStats): string | null {
  const rows = c.leaderboard?.rows ?? [];
  if (rows.length < 2) return null;
  const lo = Math.min(...rows.map((r) => r.lower)),
    hi = Math.max(...rows.map((r) => r.upper));
  const min = Math.floor((lo - 20) / 50) * 50,
    max = Math.ceil((hi + 20) / 50) * 50;
  const step = Math.max(50, Math.ceil((max - min) / 6 / 50) * 50);
  const ticks: number[] = [];
  for (let t = min; t <= max; t += step) ticks.push(t);
  return intervalPlotSvg(
    rows.map((r) => ({
      label: `${c.leaderboard!.components.length > 1 ? `group ${r.component + 1} ` : ""}#${r.rank} ${r.model}`,
      estimate: r.rating,
      lower: r.lower,
      upper: r.upper,
    })),
    `${criterionLabel(c.criterion)}: Bradley–Terry ratings`,
    { min, max, reference: c.leaderboard!.anchor ? undefined : c.leaderboard!.mean, ticks, tick: (v) => fixed(v, 0) },
  );
}

/** Ties-half win rate of `row` against `col` from the head-to-heads (either orientation). */
export function pairwiseRate(c: CriterionStats, row: string, col: string): number | null {
  const h = c.headToHead.find(
    (x) => (x.model === row && x.opponent === col) || (x.model === col && x.opponent === row),
  );
  if (!h) return null;
  return h.model === row ? h.winRateTiesHalf.estimate : 1 - h.winRateTiesHalf.estimate;
}

export function winMatrixChart(c: CriterionStats): string | null {
  if (c.models.length < 3) return null;
  return winMatrixSvg(
    c.models,
    (r, k) => pairwiseRate(c, r, k),
    `${criterionLabel(c.criterion)}: pairwise win rates (ties half), row vs column`,
  );
}

export function positionChart(c: CriterionStats): string | null {
  const pb = c.positionBias;
  if (pb.leftShare === null) return null;
  return intervalPlotSvg(
    [
      {
        label: "left image wins",
        estimate: pb.leftShare,
        lower: pb.interval?.lower ?? null,
        upper: pb.interval?.upper ?? null,
      },
    ],
    `${criterionLabel(c.criterion)}: left-position share`,
    RATE_AXIS,
  );
}
