import type { CriterionStats } from "@/lib/stats";
import {
  breakdownChart,
  leaderboardChart,
  positionChart,
  stackedBarsChart,
  winMatrixChart,
} from "@/lib/results/report-view";
import type { ResultsSettings } from "@/lib/results/settings";
import { SvgFigure } from "./svg-figure";

type Shown = Pick<ResultsSettings, "ties" | "interval">;

/** Win / tie / loss bars (Emu's style) with the headline win rate and interval over each bar. */
export function StackedBars({
  criterion,
  settings,
  reference,
}: {
  criterion: CriterionStats;
  settings: Shown;
  reference: string | null;
}) {
  return (
    <SvgFigure
      svg={criterion.headToHead.length ? stackedBarsChart(criterion, settings, reference) : null}
      caption="Win / tie / loss per pair of models, first-named model's side; dot and whisker: headline win rate and its interval; dashed line: 50%."
      testId="chart-stacked-bars"
    />
  );
}

/** Headline win rate per category or challenge, with intervals (forest plot). */
export function BreakdownPlot({
  criterion,
  dimension,
  settings,
  reference,
}: {
  criterion: CriterionStats;
  dimension: "category" | "challenge";
  settings: Shown;
  reference: string | null;
}) {
  return (
    <SvgFigure
      svg={breakdownChart(criterion, dimension, settings, reference)}
      caption={`Headline win rate per ${dimension} with its interval.`}
      testId={`chart-${dimension}`}
    />
  );
}

/** The figures drawn from the criterion alone: chart and caption, by the name in their test id (`chart-<name>`). */
const FIGURES = {
  leaderboard: [leaderboardChart, "Arena-scale ratings with bootstrap intervals; overlapping intervals share a rank."],
  "win-matrix": [winMatrixChart, "Pairwise win rate (ties half) of the row model against the column model."],
  position: [positionChart, "Share of decisive votes won by the left image; 50% = no position bias."],
} satisfies Record<string, [(c: CriterionStats) => string | null, string]>;

function criterionFigure(name: keyof typeof FIGURES) {
  const [chart, caption] = FIGURES[name];
  return function CriterionFigure({ criterion }: { criterion: CriterionStats }) {
    return <SvgFigure svg={chart(criterion)} caption={caption} testId={`chart-${name}`} />;
  };
}

/** Bradley–Terry ratings with bootstrap intervals (two or more models). */
export const LeaderboardPlot = criterionFigure("leaderboard");
/** Pairwise win rates (ties half), row model against column model. */
export const WinMatrix = criterionFigure("win-matrix");
/** How often the left image wins, with its Wilson interval. */
export const PositionPlot = criterionFigure("position");
