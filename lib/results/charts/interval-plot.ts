import { axisTick, COLORS, esc, r1, referenceLine, rowLabel, rowsFrame, svgStart } from "./svg";

export interface IntervalRow {
  label: string;
  estimate: number;
  lower: number | null;
  upper: number | null;
}

export interface IntervalPlotOptions {
  min: number;
  max: number;
  /** A dashed reference line (e.g. 50% or rating 1000). */
  reference?: number;
  ticks: number[];
  tick: (v: number) => string;
}

/**
 * A forest plot: one row per group or model, its estimate as a dot and its interval as a line, on a
 * shared axis. Used for per-category win rates, the leaderboard and the left-position share.
 */
export function intervalPlotSvg(rows: readonly IntervalRow[], title: string, o: IntervalPlotOptions): string {
  const rowH = 22,
    top = 10;
  const frame = rowsFrame(
    rows.map((r) => r.label),
    { rowH, top, right: 30, bottom: 26 },
  );
  const { labelW, plotW, width, height, axisY } = frame;
  const span = o.max - o.min || 1;
  const x = (v: number) => r1(labelW + ((Math.min(o.max, Math.max(o.min, v)) - o.min) / span) * plotW);
  const parts: string[] = [];
  parts.push(svgStart("interval-plot", width, height, title));
  for (const t of o.ticks) {
    parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${top}" y2="${axisY}" stroke="${COLORS.grid}"/>`);
    parts.push(axisTick(x(t), axisY, o.tick(t)));
  }
  if (o.reference !== undefined) parts.push(referenceLine(x(o.reference), top, axisY));
  rows.forEach((row, i) => {
    const y = top + i * rowH + rowH / 2;
    parts.push(rowLabel(frame, y + 4, row.label));
    if (row.lower !== null && row.upper !== null)
      parts.push(
        `<line x1="${x(row.lower)}" x2="${x(row.upper)}" y1="${y}" y2="${y}" stroke="${COLORS.interval}" stroke-width="2"/>`,
      );
    parts.push(
      `<circle cx="${x(row.estimate)}" cy="${y}" r="4" fill="${COLORS.win}" stroke="${COLORS.interval}"><title>${esc(row.label)}: ${esc(o.tick(row.estimate))}</title></circle>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
