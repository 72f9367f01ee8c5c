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

/** Bradley–Terry ratings with bootstrap intervals (two or more models). */
export function LeaderboardPlot({ criterion }: { criterion: CriterionStats }) {
  return (
    <SvgFigure
      svg={leaderboardChart(criterion)}
      caption="Arena-scale ratings with bootstrap intervals; overlapping intervals share a rank."
      testId="chart-leaderboard"
    />
  );
}

/** Pairwise win rates (ties half), row model against column model. */
export function WinMatrix({ criterion }: { criterion: CriterionStats }) {
  return (
    <SvgFigure
      svg={winMatrixChart(criterion)}
      caption="Pairwise win rate (ties half) of the row model against the column model."
      testId="chart-win-matrix"
    />
  );
}

/** How often the left image wins, with its Wilson interval. */
export function PositionPlot({ criterion }: { criterion: CriterionStats }) {
  return (
    <SvgFigure
      svg={positionChart(criterion)}
      caption="Share of decisive votes won by the left image; 50% = no position bias."
      testId="chart-position"
    />
  );
}
