import { pct } from "../format";
import { clip, esc, r1, svgStart } from "./svg";

/**
 * Pairwise win matrix: cell (row i, column j) is the ties-half win rate of model i against model j,
 * coloured from red (0%) through white (50%) to green (100%); blank where the two never met.
 */
export function winMatrixSvg(
  models: readonly string[],
  rate: (row: string, col: string) => number | null,
  title: string,
): string {
  const cell = 56,
    labelW = 160,
    top = 90;
  const width = labelW + models.length * cell + 10,
    height = top + models.length * cell + 10;
  const parts: string[] = [];
  parts.push(svgStart("win-matrix", width, height, title, 11));
  models.forEach((m, j) => {
    const cx = labelW + j * cell + cell / 2;
    parts.push(`<text transform="translate(${r1(cx)},${top - 6}) rotate(-40)" fill="#222">${esc(clip(m, 18))}</text>`);
  });
  models.forEach((rowModel, i) => {
    const y = top + i * cell;
    parts.push(
      `<text x="${labelW - 6}" y="${y + cell / 2 + 4}" text-anchor="end" fill="#222">${esc(clip(rowModel, 22))}</text>`,
    );
    models.forEach((colModel, j) => {
      const v = i === j ? null : rate(rowModel, colModel);
      const x = labelW + j * cell;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${v === null ? "#f2f2f2" : shade(v)}"><title>${esc(rowModel)} vs ${esc(colModel)}: ${v === null ? "never met" : pct(v)}</title></rect>`,
      );
      if (v !== null)
        parts.push(
          `<text x="${x + (cell - 2) / 2}" y="${y + cell / 2 + 3}" text-anchor="middle" fill="#111">${pct(v, 0)}</text>`,
        );
    });
  });
  parts.push("</svg>");
  return parts.join("");
}

/** Diverging colour: loss orange (0) → white (0.5) → win green (1). */
function shade(v: number): string {
  const t = Math.max(-1, Math.min(1, (v - 0.5) * 2));
  const [r, g, b] = t >= 0 ? [27, 158, 119] : [217, 95, 2];
  const a = Math.abs(t);
  const mix = (c: number) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}
