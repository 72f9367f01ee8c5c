import { disconnectedNote, type CriterionStats, type HeadToHead } from "@/lib/stats";
import { count, fixed, pct, pValue } from "@/lib/results/format";
import { breakdownEntries, describeSettings, headline, matchupLabel } from "@/lib/results/report-view";
import type { ResultsSettings } from "@/lib/results/settings";
import {
  BreakdownPlot,
  LeaderboardPlot,
  PositionPlot,
  StackedBars,
  WinMatrix,
} from "../../../components/charts/criterion-charts";
import { DataTable } from "../../../components/data-table";
import { SortableTable, type SortableCell } from "./sortable-table";

const cell = (text: string, sort: number | string | null): SortableCell => ({ text, sort });
const interval = (r: ReturnType<typeof headline>) =>
  r && r.lower !== null ? `[${pct(r.lower)}, ${pct(r.upper)}]${r.flag ? ` · ${r.flag}` : ""}` : "–";

function matchupCells(h: HeadToHead, s: ResultsSettings): SortableCell[] {
  const r = headline(h, s);
  return [
    cell(matchupLabel(h), matchupLabel(h)),
    cell(`${h.counts.win} / ${h.counts.tie} / ${h.counts.loss}`, h.counts.total),
    cell(pct(h.winShare.estimate), h.winShare.estimate),
    cell(pct(h.tieShare), h.tieShare),
    cell(pct(h.winRateTiesHalf.estimate), h.winRateTiesHalf.estimate),
    cell(pct(h.winRateTiesExcluded?.estimate), h.winRateTiesExcluded?.estimate ?? null),
    cell(interval(r), r?.lower ?? null),
    cell(pValue(h.signTest.pValue), h.signTest.pValue),
    cell(count(h.prompts), h.prompts),
  ];
}

/**
 * The headline of each matchup as analysed (excluded annotators left out) beside the same figure
 * with the excluded annotators' judgments put back (report.withExcludedAnnotators).
 */
export function ExclusionComparison({
  criterion,
  analysed,
  withExcluded,
  settings,
}: {
  criterion: string | null;
  analysed: HeadToHead[];
  withExcluded: HeadToHead[];
  settings: ResultsSettings;
}) {
  const shown = (r: ReturnType<typeof headline>) =>
    r ? `${pct(r.estimate)} ${r.lower !== null ? `[${pct(r.lower)}, ${pct(r.upper)}]` : ""}`.trim() : "–";
  const same = (x: HeadToHead) => (y: HeadToHead) => x.model === y.model && x.opponent === y.opponent;
  const matchups = [...analysed, ...withExcluded.filter((h) => !analysed.some(same(h)))];
  return (
    <div data-testid="exclusion-comparison">
      <h3 className="font-semibold">Headline with and without the excluded annotators</h3>
      <SortableTable
        label={`Exclusion effect, ${criterion}`}
        headers={["model vs opponent", "excluded left out", "excluded put back", "difference", "W / T / L put back"]}
        rows={matchups.map((m) => {
          const [h, back] = [analysed.find(same(m)), withExcluded.find(same(m))];
          const [a, b] = [h ? headline(h, settings) : null, back ? headline(back, settings) : null];
          const diff = a && b ? a.estimate - b.estimate : null;
          return {
            key: matchupLabel(m),
            cells: [
              cell(matchupLabel(m), matchupLabel(m)),
              cell(shown(a), a?.estimate ?? null),
              cell(shown(b), b?.estimate ?? null),
              cell(diff === null ? "–" : `${diff >= 0 ? "+" : ""}${(100 * diff).toFixed(1)} points`, diff),
              cell(
                back ? `${back.counts.win} / ${back.counts.tie} / ${back.counts.loss}` : "–",
                back?.counts.total ?? null,
              ),
            ],
          };
        })}
      />
    </div>
  );
}

const MATCHUP_HEADERS = [
  "model vs opponent",
  "W / T / L",
  "win",
  "tie",
  "win rate (ties ½)",
  "win rate (ties excl.)",
  "interval",
  "sign test p",
  "prompts",
];

/** Everything the results page shows for one criterion. */
export function CriterionSection({
  c,
  question,
  settings,
  withExcluded,
}: {
  c: CriterionStats;
  question: string;
  settings: ResultsSettings;
  /** This criterion's head-to-heads with the excluded annotators put back; null when nobody is excluded. */
  withExcluded: HeadToHead[] | null;
}) {
  const lb = c.leaderboard;
  return (
    <section
      className="space-y-3 rounded bg-white p-4 shadow"
      aria-label={`Criterion ${c.criterion}`}
      data-testid="criterion-results"
    >
      <h2 className="text-xl font-semibold">{c.criterion}</h2>
      <p className="text-sm text-slate-600">
        “{question}” · {c.judgments} judgments on {c.pairs} pairs, {c.prompts} prompts, {c.annotators} annotators ·
        headline: {describeSettings(settings)}
      </p>
      <StackedBars criterion={c} settings={settings} />
      <SortableTable
        label={`Head-to-head, ${c.criterion}`}
        headers={MATCHUP_HEADERS}
        rows={c.headToHead.map((h) => ({ key: matchupLabel(h), cells: matchupCells(h, settings) }))}
      />
      <p className="text-xs text-slate-500">
        Significance: exact two-sided sign test of wins against losses (ties left out); with strong prompt effects
        prefer the prompt-bootstrap interval (does it exclude 50%?).
      </p>
      {withExcluded && (
        <ExclusionComparison
          criterion={c.criterion}
          analysed={c.headToHead}
          withExcluded={withExcluded}
          settings={settings}
        />
      )}

      {lb && c.models.length >= 3 && (
        <>
          <h3 className="font-semibold">Bradley–Terry leaderboard</h3>
          {lb.components.length > 1 && (
            <p className="text-sm text-amber-800" data-testid="leaderboard-components">
              {disconnectedNote(lb.components)}
            </p>
          )}
          <LeaderboardPlot criterion={c} />
          <DataTable
            variant="inline"
            padding="compact"
            label={`Leaderboard, ${c.criterion}`}
            rows={lb.rows}
            rowKey={(r) => r.model}
            rowClassName="tabular-nums"
            columns={[
              ...(lb.components.length > 1
                ? [{ header: "group", cell: (r: (typeof lb.rows)[number]) => r.component + 1 }]
                : []),
              { header: "rank", cell: (r) => r.rank },
              { header: "model", cell: (r) => r.model },
              { header: "rating", cell: (r) => fixed(r.rating, 1) },
              { header: "interval", cell: (r) => `[${fixed(r.lower, 1)}, ${fixed(r.upper, 1)}]` },
              { header: "games", cell: (r) => r.games },
              { header: "W / T / L", cell: (r) => `${r.wins} / ${r.ties} / ${r.losses}` },
            ]}
          />
          <WinMatrix criterion={c} />
        </>
      )}

      {(["category", "challenge"] as const).map((dimension) => {
        const entries = breakdownEntries(c, dimension);
        if (entries.length === 0) return null;
        return (
          <div key={dimension}>
            <h3 className="font-semibold">By {dimension}</h3>
            <BreakdownPlot criterion={c} dimension={dimension} settings={settings} />
            <SortableTable
              label={`By ${dimension}, ${c.criterion}`}
              headers={[dimension, ...MATCHUP_HEADERS]}
              rows={entries.map(({ group, h, path }) => ({
                key: path,
                cells: [cell(group, group), ...matchupCells(h, settings)],
              }))}
            />
          </div>
        );
      })}

      <h3 className="font-semibold">Agreement and position</h3>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3" data-testid="agreement">
        <div>
          <dt className="text-slate-500">Krippendorff α (nominal / ordinal)</dt>
          <dd className="tabular-nums">
            {fixed(c.agreement.krippendorffAlphaNominal)} / {fixed(c.agreement.krippendorffAlphaOrdinal)}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Fleiss κ</dt>
          <dd className="tabular-nums">{fixed(c.agreement.fleissKappa)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Gwet AC1</dt>
          <dd className="tabular-nums">{fixed(c.agreement.gwetAC1)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">raw agreement</dt>
          <dd className="tabular-nums">
            {pct(c.agreement.rawAgreement)} over {c.agreement.items} pairs
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">left image wins</dt>
          <dd className="tabular-nums" data-testid="left-share">
            {pct(c.positionBias.leftShare)} [{pct(c.positionBias.interval?.lower)},{" "}
            {pct(c.positionBias.interval?.upper)}], p = {pValue(c.positionBias.pValue)} (raw)
          </dd>
        </div>
        {c.positionBias.adjusted && (
          <div>
            <dt className="text-slate-500">left image wins, adjusted for the models shown</dt>
            <dd className="tabular-nums" data-testid="left-share-adjusted">
              {pct(c.positionBias.adjusted.leftShare)} [{pct(c.positionBias.adjusted.interval.lower)},{" "}
              {pct(c.positionBias.adjusted.interval.upper)}], p = {pValue(c.positionBias.adjusted.pValue)}
            </dd>
          </div>
        )}
      </dl>
      <PositionPlot criterion={c} />

      <h3 className="font-semibold">Judgments needed</h3>
      <ul className="text-sm" data-testid="planning">
        {c.headToHead.map((h) =>
          h.plan ? (
            <li key={matchupLabel(h)}>
              {matchupLabel(h)}: now ±{pct(h.plan.halfWidth)}; ±{pct(h.plan.targetHalfWidth)} needs {h.plan.unitsNeeded}{" "}
              {settings.aggregation === "judgment" ? "judgments" : "pairs"} ({h.plan.additionalUnits} more, ≈{" "}
              {h.plan.clustersNeeded} prompts; design effect {fixed(h.plan.designEffect, 2)})
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}
