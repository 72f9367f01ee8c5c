import { disconnectedNote, type CriterionStats, type HeadToHead } from "@/lib/stats";
import { fixed, pct, pValue } from "@/lib/results/format";
import {
  agreementNote,
  criterionLabel,
  criterionVerdict,
  matchupReader,
  readMatchup,
  readMatchups,
  type MatchupReading,
} from "@/lib/results/criterion-reading";
import { breakdownEntries, describeSettings } from "@/lib/results/report-view";
import type { ResultsSettings } from "@/lib/results/settings";
import {
  BreakdownPlot,
  LeaderboardPlot,
  PositionPlot,
  StackedBars,
  WinMatrix,
} from "../../../components/charts/criterion-charts";
import { FigureTable } from "../../../components/data-table";
import { SortableTable, type SortableCell } from "./sortable-table";

const cell = (text: string, sort: number | string | null): SortableCell => ({ text, sort });
type Headline = ReturnType<MatchupReading["headline"]>;
const interval = (r: Headline) =>
  r && r.lower !== null ? `[${pct(r.lower)}, ${pct(r.upper)}]${r.flag ? ` · ${r.flag}` : ""}` : "–";

/** A matchup's row, read from its first-named model's side (lib/results/criterion-reading.ts). */
function matchupCells(m: MatchupReading, s: ResultsSettings): SortableCell[] {
  const f = (rel: string, format: "pct" | "count" | "pValue") => {
    const x = m.field(rel, format);
    return cell(x.text, x.value);
  };
  const [w, t, l] = [m.field("counts.win", "count"), m.field("counts.tie", "count"), m.field("counts.loss", "count")];
  const r = m.headline(s);
  return [
    cell(m.label, m.label),
    cell(`${w.text} / ${t.text} / ${l.text}`, m.h.counts.total),
    f("winShare.estimate", "pct"),
    f("tieShare", "pct"),
    f("winRateTiesHalf.estimate", "pct"),
    f("winRateTiesExcluded.estimate", "pct"),
    cell(interval(r), r?.lower ?? null),
    f("signTest.pValue", "pValue"),
    f("prompts", "count"),
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
  read,
}: {
  criterion: string | null;
  analysed: HeadToHead[];
  withExcluded: HeadToHead[];
  settings: ResultsSettings;
  /** How each matchup is oriented (the criterion's reader, so both columns read from the same side). */
  read: (h: HeadToHead) => MatchupReading;
}) {
  const shown = (r: Headline) =>
    r ? `${pct(r.estimate)} ${r.lower !== null ? `[${pct(r.lower)}, ${pct(r.upper)}]` : ""}`.trim() : "–";
  const same = (x: HeadToHead) => (y: HeadToHead) => x.model === y.model && x.opponent === y.opponent;
  const matchups = [...analysed, ...withExcluded.filter((h) => !analysed.some(same(h)))];
  const flipped = (m: HeadToHead) => read(m).flipped;
  return (
    <div data-testid="exclusion-comparison">
      <h3 className="font-semibold">Headline with and without the excluded annotators</h3>
      <SortableTable
        label={`Exclusion effect, ${criterion}`}
        headers={["model vs opponent", "excluded left out", "excluded put back", "difference", "W / T / L put back"]}
        rows={matchups.map((m) => {
          const [h, back] = [analysed.find(same(m)), withExcluded.find(same(m))];
          const side = flipped(m);
          const a = h ? readMatchup(h, side) : null,
            b = back ? readMatchup(back, side) : null;
          const [ra, rb] = [a?.headline(settings) ?? null, b?.headline(settings) ?? null];
          const diff = ra && rb ? ra.estimate - rb.estimate : null;
          const label = (a ?? b)!.label;
          const wtl = b
            ? ["counts.win", "counts.tie", "counts.loss"].map((k) => b.field(k, "count").text).join(" / ")
            : "–";
          return {
            key: label,
            cells: [
              cell(label, label),
              cell(shown(ra), ra?.estimate ?? null),
              cell(shown(rb), rb?.estimate ?? null),
              cell(diff === null ? "–" : `${diff >= 0 ? "+" : ""}${(100 * diff).toFixed(1)} points`, diff),
              cell(wtl, back?.counts.total ?? null),
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

/** Everything the results page shows for one criterion: heading, question, verdict, figures. */
export function CriterionSection({
  c,
  protocol,
  settings,
  reference,
  withExcluded,
}: {
  c: CriterionStats;
  /** The criterion as the protocol asks it; null when the protocol does not name it. */
  protocol: { question: string; judgmentsPerPair: number } | null;
  settings: ResultsSettings;
  /** The resolved reference model (report.settings.reference). */
  reference: string | null;
  /** This criterion's head-to-heads with the excluded annotators put back; null when nobody is excluded. */
  withExcluded: HeadToHead[] | null;
}) {
  const lb = c.leaderboard;
  const read = matchupReader(c, reference, settings);
  const note = agreementNote(c, protocol?.judgmentsPerPair ?? null);
  return (
    <section
      className="space-y-3 rounded bg-white p-4 shadow"
      aria-label={`Criterion ${criterionLabel(c.criterion)}`}
      data-testid="criterion-results"
      data-criterion={c.criterion ?? ""}
    >
      <h2 className="text-xl font-semibold">{criterionLabel(c.criterion)}</h2>
      <p className="text-slate-700" data-testid="criterion-question">
        “{protocol?.question ?? ""}” <span className="text-xs text-slate-500">({c.criterion})</span>
      </p>
      <p className="font-medium" data-testid="verdict">
        {criterionVerdict(c, reference, settings)}
      </p>
      <p className="text-sm text-slate-600">
        {c.judgments} judgments on {c.pairs} pairs, {c.prompts} prompts, {c.annotators} annotators · headline:{" "}
        {describeSettings(settings)} · matchups read from {reference ?? "the leader"}&apos;s side
      </p>
      <StackedBars criterion={c} settings={settings} reference={reference} />
      <SortableTable
        label={`Head-to-head, ${criterionLabel(c.criterion)}`}
        headers={MATCHUP_HEADERS}
        rows={readMatchups(c, reference, settings).map(({ m }) => ({ key: m.label, cells: matchupCells(m, settings) }))}
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
          read={read}
        />
      )}

      {lb && c.models.length >= 2 && (
        <>
          <h3 className="font-semibold">Bradley–Terry leaderboard</h3>
          {lb.components.length > 1 && (
            <p className="text-sm text-amber-800" data-testid="leaderboard-components">
              {disconnectedNote(lb.components)}
            </p>
          )}
          <LeaderboardPlot criterion={c} />
          <FigureTable
            label={`Leaderboard, ${criterionLabel(c.criterion)}`}
            testId="leaderboard"
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
            <BreakdownPlot criterion={c} dimension={dimension} settings={settings} reference={reference} />
            <SortableTable
              label={`By ${dimension}, ${criterionLabel(c.criterion)}`}
              headers={[dimension, ...MATCHUP_HEADERS]}
              rows={entries.map(({ group, h, path }) => ({
                key: path,
                cells: [cell(group, group), ...matchupCells(read(h), settings)],
              }))}
            />
          </div>
        );
      })}

      <h3 className="font-semibold">Agreement and position</h3>
      {note && (
        <p className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="agreement-note">
          {note}
        </p>
      )}
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
            <li key={read(h).label}>
              {read(h).label}: now ±{pct(h.plan.halfWidth)}; ±{pct(h.plan.targetHalfWidth)} needs {h.plan.unitsNeeded}{" "}
              {settings.aggregation === "judgment" ? "judgments" : "pairs"} ({h.plan.additionalUnits} more, ≈{" "}
              {h.plan.clustersNeeded} prompts; design effect {fixed(h.plan.designEffect, 2)})
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}
