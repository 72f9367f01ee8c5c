import { FigureTable, FIGURES } from "../../../components/data-table";
import { ExportLinks } from "./export-links";
import type { RankingReport } from "@/lib/ranking/ranking-results";
import { bracket, num } from "@/lib/rating/rating-figures";
import type { Leaderboard } from "@/lib/stats/leaderboard";

/**
 * A ranking campaign's results (issue 22): the Plackett–Luce and rank-broken Bradley–Terry
 * leaderboards with prompt-bootstrap intervals, agreement (Kendall's W) and position bias per slot;
 * exports of the figures and of every ranking.
 */
export function RankingResultsView({ report, query }: { report: RankingReport; query: string }) {
  const s = report.dataSnapshot;
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="ranking-summary">
        Ranking campaign: “{report.question}” · {s.analysed} of {s.rankings} rankings analysed ({s.excluded} from
        excluded annotators) on {s.sets} sets by {s.annotators} annotators · {report.settings.rounds} bootstrap rounds,
        seed {report.settings.seed}, level {report.settings.level} · data as of {s.time ?? "—"}
      </p>
      <ExportLinks
        campaignId={report.campaign.id}
        query={query}
        rows={[{ path: "/results/rankings", label: "Every ranking (CSV)" }]}
      />
      {!report.rankBroken && (
        <p className="rounded bg-white p-4 shadow">No rankings yet: results appear with the first answers.</p>
      )}
      {report.plackettLuce && <Board board={report.plackettLuce} title="Leaderboard: Plackett–Luce" />}
      {report.rankBroken && <Board board={report.rankBroken} title="Leaderboard: Bradley–Terry on rank-broken pairs" />}
      {report.concordance && (
        <section aria-label="Agreement" className="rounded bg-white p-4 shadow">
          <h2 className="text-xl font-semibold">Agreement</h2>
          <p className="text-sm" data-testid="kendall-w">
            Kendall&apos;s W, mean over {report.concordance.tasks.length} sets ranked at least twice:{" "}
            {num(report.concordance.meanW, 3)}
            {report.concordance.pooled
              ? ` (pooled χ² ${num(report.concordance.pooled.chiSquare)} on ${report.concordance.pooled.df} df, p ${num(report.concordance.pooled.pValue, 4)})`
              : ""}
          </p>
        </section>
      )}
      {report.slotBias.map((group) => (
        <section
          key={group.items}
          aria-label={`Position bias, ${group.items} images`}
          className="rounded bg-white p-4 shadow"
          data-testid="slot-bias"
        >
          <h2 className="text-xl font-semibold">Position bias, {group.items} images</h2>
          <p className="text-sm text-slate-600">
            Share of {group.rankings} rankings whose first place was in each slot ({num(group.expectedShare * 100, 1)}%
            without bias); χ² p {num(group.pValue, 4)}.
          </p>
          <FigureTable
            rows={group.slots}
            rowKey={(x) => x.slot}
            columns={[
              { header: "Slot", cell: (x) => x.slot },
              { header: "First", cell: (x) => `${num(x.firstShare * 100, 1)}%`, ...FIGURES },
              {
                header: "95% interval",
                cell: (x) => bracket({ lower: x.interval.lower * 100, upper: x.interval.upper * 100 }, 1),
                cellClassName: "tabular-nums",
              },
              { header: "Mean rank", cell: (x) => num(x.meanRank), ...FIGURES },
            ]}
          />
        </section>
      ))}
    </>
  );
}

function Board({ board, title }: { board: Leaderboard; title: string }) {
  return (
    <section aria-label={title} className="rounded bg-white p-4 shadow" data-testid={`leaderboard-${board.method}`}>
      <h2 className="text-xl font-semibold">{title}</h2>
      <FigureTable
        rows={board.rows}
        rowKey={(r) => r.model}
        columns={[
          { header: "Rank", cell: (r) => r.rank, className: "text-right" },
          { header: "Model", cell: (r) => r.model },
          { header: "Rating", cell: (r) => num(r.rating, 0), ...FIGURES, testId: "leaderboard-rating" },
          {
            header: "95% interval",
            cell: (r) => bracket({ lower: r.lower, upper: r.upper }, 0),
            cellClassName: "tabular-nums",
          },
          { header: "Pairs", cell: (r) => r.games, ...FIGURES },
        ]}
      />
    </section>
  );
}
