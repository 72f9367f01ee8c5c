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
