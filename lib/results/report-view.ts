import type { CriterionStats, HeadToHead, RateWithIntervals } from "../stats";
import { fixed, pct } from "./format";
import { intervalPlotSvg, type IntervalRow } from "./charts/interval-plot";
import { stackedBarsSvg } from "./charts/stacked-bars";
import { winMatrixSvg } from "./charts/win-matrix";
import type { ResultsSettings } from "./settings";

/**
 * What the page and the HTML report show for one criterion, derived from the report JSON only
 * (so both views show the same figures): the headline rate under the chosen tie rule and interval
 * method, and the charts.
 */
type Shown = Pick<ResultsSettings, "ties" | "interval">;

/** Each interval method: where its bounds sit in a rate's JSON, how to read them, and its name in prose. */
const INTERVALS: Record<
  ResultsSettings["interval"],
  { path: string; of: (r: RateWithIntervals) => { lower: number; upper: number } | null; name: string }
> = {
  wilson: { path: "wilson", of: (r) => r.wilson, name: "Wilson score" },
  "bootstrap-percentile": {
    path: "bootstrap.percentile",
    of: (r) => r.bootstrap?.percentile ?? null,
    name: "prompt bootstrap (percentile)",
  },
  "bootstrap-bca": { path: "bootstrap.bca", of: (r) => r.bootstrap?.bca ?? null, name: "prompt bootstrap (BCa)" },
};

/**
 * JSON path (relative to a head-to-head) of the headline rate and of its interval bounds. A
 * head-to-head on too few prompts for a bootstrap (h.smallSample) shows Wilson over prompts,
 * whatever the chosen method: the only interval of those that is honest at that size.
 */
export function headlinePaths(
  s: Shown,
  h?: Pick<HeadToHead, "smallSample">,
): { rate: string; lower: string; upper: string } {
  const rate = s.ties === "half" ? "winRateTiesHalf" : "winRateTiesExcluded";
  const interval = h?.smallSample ? "wilsonPrompts" : INTERVALS[s.interval].path;
  return { rate: `${rate}.estimate`, lower: `${rate}.${interval}.lower`, upper: `${rate}.${interval}.upper` };
}

export function headline(
  h: HeadToHead,
  s: Shown,
): { estimate: number; lower: number | null; upper: number | null; flag: string | null } | null {
  const r: RateWithIntervals | null = s.ties === "half" ? h.winRateTiesHalf : h.winRateTiesExcluded;
  if (!r) return null;
  const i = h.smallSample ? r.wilsonPrompts : INTERVALS[s.interval].of(r);
  return { estimate: r.estimate, lower: i?.lower ?? null, upper: i?.upper ?? null, flag: smallSampleFlag(h) };
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

export function describeSettings(s: Shown & { level: number }): string {
  const interval = INTERVALS[s.interval].name;
  return `win rate with ties ${s.ties === "half" ? "counted half" : "excluded"}, ${pct(s.level, 0)} ${interval} interval`;
}

export function matchupLabel(h: { model: string; opponent: string }): string {
  return `${h.model} vs ${h.opponent}`;
}

export function stackedBarsChart(c: CriterionStats, s: Shown): string {
  return stackedBarsSvg(
    c.headToHead.map((h) => ({
      label: matchupLabel(h),
      win: h.winShare.estimate,
      tie: h.tieShare,
      loss: h.lossShare,
      rate: headline(h, s),
    })),
    `${c.criterion ?? "all"}: win, tie and loss shares`,
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

export function breakdownChart(c: CriterionStats, dimension: "category" | "challenge", s: Shown): string | null {
  const rows: IntervalRow[] = [];
  for (const { group, h } of breakdownEntries(c, dimension)) {
    const r = headline(h, s);
    if (!r) continue;
    const label = c.headToHead.length > 1 ? `${group}: ${matchupLabel(h)}` : group;
    // A flagged interval is marked in the plot too: "(Wilson, few prompts)".
    rows.push({
      label: r.flag ? `${label} (Wilson, few prompts)` : label,
      estimate: r.estimate,
      lower: r.lower,
      upper: r.upper,
    });
  }
  return rows.length === 0
    ? null
    : intervalPlotSvg(rows, `${c.criterion ?? "all"}: win rate by ${dimension}`, RATE_AXIS);
}

export function leaderboardChart(c: CriterionStats): string | null {
  const rows = c.leaderboard?.rows ?? [];
  if (rows.length < 3) return null;
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
    `${c.criterion ?? "all"}: Bradley–Terry ratings`,
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
    `${c.criterion ?? "all"}: pairwise win rates (ties half), row vs column`,
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
    `${c.criterion ?? "all"}: left-position share`,
    RATE_AXIS,
  );
}
