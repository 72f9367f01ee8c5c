/** Escapes text for SVG/HTML content and attribute values: every label may come from a user's file. */
export function esc(value: string | number): string {
  return String(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Coordinates rounded to 0.1 px: smaller SVG, and the same data always gives the same bytes. */
export const r1 = (x: number) => Math.round(x * 10) / 10;

/** Colours shared by every chart (win green, tie grey, loss red; colour-blind-safe hues). */
export const COLORS = {
  win: "#1b9e77",
  tie: "#b8b8b8",
  loss: "#d95f02",
  ink: "#222",
  grid: "#ccc",
  interval: "#111",
} as const;

/** Width allowed per character of a 12 px label: above system-ui's average, so a label fits its column. */
export const LABEL_CHAR_PX = 7;

/**
 * A chart's label column, right-aligned at `width − 8`: wide enough for its longest label, within
 * [min, max] pixels, and how many characters fit (longer labels are clipped at their end, never
 * cut at their start by the edge of the picture).
 */
export function labelColumn(labels: readonly string[], min = 90, max = 360): { width: number; chars: number } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  const width = Math.round(Math.min(max, Math.max(min, longest * LABEL_CHAR_PX + 16)));
  return { width, chars: Math.floor((width - 16) / LABEL_CHAR_PX) };
}

/** Shortens a label to fit a column of `max` characters. */
export function clip(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** The opening of every chart: a responsive, labelled SVG (data-chart names the kind for tests) and its title. */
export function svgStart(chart: string, width: number, height: number, title: string, fontSize = 12): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${esc(title)}" data-chart="${chart}" font-family="system-ui, sans-serif" font-size="${fontSize}">` +
    `<title>${esc(title)}</title>`
  );
}

/**
 * The frame of a chart with one labelled row per item (forest plot, stacked bars): a label column
 * as wide as its longest label (labelColumn), a 400 px plot beside it, `rowH` per row from `top`;
 * `right` and `bottom` are the margins. `axisY` is where the value axis runs, just under the last row.
 */
export function rowsFrame(labels: readonly string[], o: { rowH: number; top: number; right: number; bottom: number }) {
  const column = labelColumn(labels);
  const labelW = column.width,
    plotW = 400;
  return {
    labelW,
    labelChars: column.chars,
    plotW,
    width: labelW + plotW + o.right,
    height: o.top + labels.length * o.rowH + o.bottom,
    axisY: o.top + labels.length * o.rowH + 4,
  };
}

/** A row's label, right-aligned against the plot (`labelW`, `chars` from rowsFrame), baseline at `y`. */
export function rowLabel(frame: { labelW: number; labelChars: number }, y: number, label: string): string {
  return `<text x="${frame.labelW - 8}" y="${y}" text-anchor="end" fill="${COLORS.ink}">${esc(clip(label, frame.labelChars))}</text>`;
}

/** A tick label under the value axis at `x`. */
export function axisTick(x: number, axisY: number, text: string): string {
  return `<text x="${x}" y="${axisY + 14}" text-anchor="middle" fill="${COLORS.ink}" font-size="10">${esc(text)}</text>`;
}

/** The dashed reference line (50%, rating 1000) from `top` down to the axis. */
export function referenceLine(x: number, top: number, axisY: number): string {
  return `<line x1="${x}" x2="${x}" y1="${top}" y2="${axisY}" stroke="${COLORS.ink}" stroke-dasharray="3 3"/>`;
}
