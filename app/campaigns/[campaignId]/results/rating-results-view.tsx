import { FigureTable, FIGURES } from "../../../components/data-table";
import { ExportLinks } from "./export-links";
import type { RatingReport } from "@/lib/rating/rating-results";
import { bracket, differenceInterval, estimateInterval, excludesZero, num } from "@/lib/rating/rating-figures";
import type { AspectRatingStats } from "@/lib/stats/rating/rating-stats";

/**
 * A rating campaign's results (issue 22): per aspect the models' mean ratings and distributions
 * with prompt-bootstrap intervals, the paired differences of means, Krippendorff's α (ordinal),
 * then the means per prompt category; exports of the figures and of every rating.
 */
export function RatingResultsView({ report, query }: { report: RatingReport; query: string }) {
  const s = report.dataSnapshot;
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="rating-summary">
        Rating campaign · {s.analysed} of {s.ratings} ratings analysed ({s.excluded} from excluded annotators) on{" "}
        {s.images} images by {s.annotators} annotators · {report.settings.rounds} bootstrap rounds, seed{" "}
        {report.settings.seed}, level {report.settings.level} · data as of {s.time ?? "—"}
      </p>
      <ExportLinks
        campaignId={report.campaign.id}
        query={query}
        rows={[{ path: "/results/ratings", label: "Every rating (CSV)" }]}
      />
      {report.stats.length === 0 && (
        <p className="rounded bg-white p-4 shadow">No ratings yet: results appear with the first answers.</p>
      )}
      {report.stats.map((a) => (
        <AspectSection key={a.aspect} report={report} stats={a} />
      ))}
      {report.byCategory.length > 0 && (
        <section
          aria-label="By category"
          className="space-y-2 rounded bg-white p-4 shadow"
          data-testid="rating-categories"
        >
          <h2 className="text-xl font-semibold">By category</h2>
          <FigureTable
            rows={report.byCategory.flatMap((g) =>
              g.result.flatMap((a) => a.models.map((m) => ({ group: g.group, aspect: a.aspect, ...m }))),
            )}
            rowKey={(r) => `${r.group}:${r.aspect}:${r.model}`}
            columns={[
              { header: "Category", cell: (r) => r.group },
              { header: "Aspect", cell: (r) => r.aspect },
              { header: "Model", cell: (r) => r.model },
              { header: "Mean", cell: (r) => num(r.mean.estimate), ...FIGURES },
              {
                header: "95% interval",
                cell: (r) => bracket(estimateInterval(r.mean).interval),
                cellClassName: "tabular-nums",
              },
              { header: "Ratings", cell: (r) => r.ratings, ...FIGURES },
            ]}
          />
        </section>
      )}
    </>
  );
}

function AspectSection({ report, stats: a }: { report: RatingReport; stats: AspectRatingStats }) {
  const meta = report.aspects.find((x) => x.key === a.aspect);
  return (
    <section
      aria-label={`Aspect ${meta?.label ?? a.aspect}`}
      className="space-y-3 rounded bg-white p-4 shadow"
      data-testid="rating-aspect"
    >
      <h2 className="text-xl font-semibold capitalize">{meta?.label ?? a.aspect}</h2>
      <p className="text-sm text-slate-600">
        {meta?.question} ({a.scale.kind}; prompt {meta?.showPrompt ? "shown" : "hidden"}) · {a.ratings} ratings
      </p>
      <FigureTable
        testId="rating-means"
        rows={a.models}
        rowKey={(m) => m.model}
        columns={[
          { header: "Model", cell: (m) => m.model },
          { header: "Ratings", cell: (m) => m.ratings, ...FIGURES },
          { header: "Mean", cell: (m) => num(m.mean.estimate), ...FIGURES, testId: "rating-mean" },
          {
            header: "95% interval",
            cell: (m) => bracket(estimateInterval(m.mean).interval),
            cellClassName: "tabular-nums",
          },
          ...a.scale.values.map((v, l) => ({
            header: <span title={meta?.labels[l]}>{v}</span>,
            cell: (m: (typeof a.models)[number]) => (
              <span title={`${m.distribution[l]} ratings`}>{num(m.shares[l].estimate * 100, 0)}%</span>
            ),
            ...FIGURES,
          })),
        ]}
      />
      {a.differences.length > 0 && (
        <FigureTable
          testId="rating-differences"
          rows={a.differences.map((d) => ({ ...d, interval: differenceInterval(d).interval }))}
          rowKey={(d) => `${d.model}:${d.opponent}`}
          columns={[
            { header: "Model", cell: (d) => d.model },
            { header: "vs", cell: (d) => d.opponent },
            { header: "Shared prompts", cell: (d) => d.prompts, ...FIGURES },
            { header: "Mean difference", cell: (d) => num(d.estimate), ...FIGURES },
            {
              header: "95% interval",
              cell: (d) => `${bracket(d.interval)}${excludesZero(d.interval) ? " (excludes 0)" : ""}`,
              cellClassName: "tabular-nums",
            },
          ]}
        />
      )}
      <p className="text-sm" data-testid="rating-alpha">
        Agreement: Krippendorff&apos;s α (ordinal) {num(a.agreement.ordinal, 3)} over {a.agreement.images} images rated
        at least twice
      </p>
    </section>
  );
}
