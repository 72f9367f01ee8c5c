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
          <table className="text-sm">
            <thead>
              <tr>
                <th className="pr-4 text-left">Category</th>
                <th className="pr-4 text-left">Aspect</th>
                <th className="pr-4 text-left">Model</th>
                <th className="pr-4 text-right">Mean</th>
                <th className="pr-4 text-left">95% interval</th>
                <th className="text-right">Ratings</th>
              </tr>
            </thead>
            <tbody>
              {report.byCategory.flatMap((g) =>
                g.result.flatMap((a) =>
                  a.models.map((m) => (
                    <tr key={`${g.group}:${a.aspect}:${m.model}`}>
                      <td className="pr-4">{g.group}</td>
                      <td className="pr-4">{a.aspect}</td>
                      <td className="pr-4">{m.model}</td>
                      <td className="pr-4 text-right tabular-nums">{num(m.mean.estimate)}</td>
                      <td className="pr-4 tabular-nums">{bracket(estimateInterval(m.mean).interval)}</td>
                      <td className="text-right tabular-nums">{m.ratings}</td>
                    </tr>
                  )),
                ),
              )}
            </tbody>
          </table>
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
      <table className="text-sm" data-testid="rating-means">
        <thead>
          <tr>
            <th className="pr-4 text-left">Model</th>
            <th className="pr-4 text-right">Ratings</th>
            <th className="pr-4 text-right">Mean</th>
            <th className="pr-4 text-left">95% interval</th>
            {a.scale.values.map((v, i) => (
              <th key={v} className="pr-3 text-right" title={meta?.labels[i]}>
                {v}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {a.models.map((m) => (
            <tr key={m.model}>
              <td className="pr-4">{m.model}</td>
              <td className="pr-4 text-right tabular-nums">{m.ratings}</td>
              <td className="pr-4 text-right tabular-nums" data-testid="rating-mean">
                {num(m.mean.estimate)}
              </td>
              <td className="pr-4 tabular-nums">{bracket(estimateInterval(m.mean).interval)}</td>
              {m.shares.map((share, l) => (
                <td key={l} className="pr-3 text-right tabular-nums" title={`${m.distribution[l]} ratings`}>
                  {num(share.estimate * 100, 0)}%
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {a.differences.length > 0 && (
        <table className="text-sm" data-testid="rating-differences">
          <thead>
            <tr>
              <th className="pr-4 text-left">Model</th>
              <th className="pr-4 text-left">vs</th>
              <th className="pr-4 text-right">Shared prompts</th>
              <th className="pr-4 text-right">Mean difference</th>
              <th className="text-left">95% interval</th>
            </tr>
          </thead>
          <tbody>
            {a.differences.map((d) => {
              const i = differenceInterval(d).interval;
              return (
                <tr key={`${d.model}:${d.opponent}`}>
                  <td className="pr-4">{d.model}</td>
                  <td className="pr-4">{d.opponent}</td>
                  <td className="pr-4 text-right tabular-nums">{d.prompts}</td>
                  <td className="pr-4 text-right tabular-nums">{num(d.estimate)}</td>
                  <td className="tabular-nums">
                    {bracket(i)}
                    {excludesZero(i) ? " (excludes 0)" : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="text-sm" data-testid="rating-alpha">
        Agreement: Krippendorff&apos;s α (ordinal) {num(a.agreement.ordinal, 3)} over {a.agreement.images} images rated
        at least twice
      </p>
    </section>
  );
}
