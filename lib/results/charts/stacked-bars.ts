import { pct } from "../format";
import { axisTick, COLORS, r1, referenceLine, rowLabel, rowsFrame, svgStart } from "./svg";

export interface StackedBarRow {
  label: string;
  win: number;
  tie: number;
  loss: number;
  /** The headline win rate and its interval, drawn as a dot and whisker over the bar. */
  rate?: { estimate: number; lower: number | null; upper: number | null } | null;
}

/**
 * Emu-style win / tie / loss bars, one per row, on a 0–100% axis, with the headline win rate and
 * its interval as a black dot and whisker, and a dashed line at 50% (no preference).
 * Returns a self-contained SVG string (no scripts, no external references).
 */
export function stackedBarsSvg(rows: readonly StackedBarRow[], title: string): string {
  const rowH = 30,
    top = 28;
  const frame = rowsFrame(
    rows.map((r) => r.label),
    { rowH, top, right: 20, bottom: 24 },
  );
  const { labelW, plotW: barW, width, height, axisY } = frame;
  const x = (v: number) => r1(labelW + v * barW);
  const parts: string[] = [];
  parts.push(svgStart("stacked-bars", width, height, title));
  parts.push(
    `<g font-size="11" fill="${COLORS.ink}"><rect x="${labelW}" y="6" width="10" height="10" fill="${COLORS.win}"/><text x="${labelW + 14}" y="15">win</text><rect x="${labelW + 50}" y="6" width="10" height="10" fill="${COLORS.tie}"/><text x="${labelW + 64}" y="15">tie</text><rect x="${labelW + 96}" y="6" width="10" height="10" fill="${COLORS.loss}"/><text x="${labelW + 110}" y="15">loss</text><text x="${labelW + 150}" y="15">● win rate with interval</text></g>`,
  );
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    parts.push(rowLabel(frame, y + 18, row.label));
    let start = 0;
    for (const [key, share] of [
      ["win", row.win],
      ["tie", row.tie],
      ["loss", row.loss],
    ] as const) {
      if (share > 0) {
        parts.push(
          `<rect x="${x(start)}" y="${y + 4}" width="${r1(share * barW)}" height="${rowH - 8}" fill="${COLORS[key]}"><title>${key} ${pct(share)}</title></rect>`,
        );
        if (share >= 0.08)
          parts.push(
            `<text x="${r1(x(start) + (share * barW) / 2)}" y="${y + 19}" text-anchor="middle" fill="${key === "tie" ? COLORS.ink : "#fff"}" font-size="11">${pct(share, 0)}</text>`,
          );
      }
      start += share;
    }
    const rate = row.rate;
    if (rate && rate.lower !== null && rate.upper !== null) {
      parts.push(
        `<line x1="${x(rate.lower)}" x2="${x(rate.upper)}" y1="${y + rowH - 3}" y2="${y + rowH - 3}" stroke="${COLORS.interval}" stroke-width="2"/>`,
      );
      parts.push(
        `<circle cx="${x(rate.estimate)}" cy="${y + rowH - 3}" r="3.5" fill="${COLORS.interval}"><title>win rate ${pct(rate.estimate)} [${pct(rate.lower)}, ${pct(rate.upper)}]</title></circle>`,
      );
    }
  });
  parts.push(referenceLine(x(0.5), top, axisY));
  for (const t of [0, 0.25, 0.5, 0.75, 1]) parts.push(axisTick(x(t), axisY, pct(t, 0)));
  parts.push("</svg>");
  return parts.join("");
}
