/**
 * Shows a chart drawn by lib/results/charts. The SVG is built as a string there (every label
 * escaped) so that the results page and the downloadable HTML report draw the very same chart.
 */
export function SvgFigure({ svg, caption, testId }: { svg: string | null; caption: string; testId?: string }) {
  if (!svg) return null;
  return (
    <figure className="my-3" data-testid={testId}>
      <div className="max-w-3xl" dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className="text-xs text-slate-500">{caption}</figcaption>
    </figure>
  );
}
