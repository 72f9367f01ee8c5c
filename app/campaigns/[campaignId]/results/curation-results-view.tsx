import { ExportLinks } from "./export-links";
import type { CurationReport } from "@/lib/curation/curation-results";
import { acceptanceWords, fig } from "@/lib/curation/curation-figures";

/**
 * A curation campaign's results (issue 22): per stage the acceptance rate with its Wilson interval
 * and the agreement among the stage's voters; the survivors' gallery (the accepted set, which the
 * dataset export writes); exports of the figures, the manifest and the dataset.
 */
export function CurationResultsView({ report }: { report: CurationReport }) {
  const votes = report.stages.reduce((n, s) => n + s.votes, 0);
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="curation-summary">
        Curation campaign · {report.images} images from {report.source} · {votes} votes in {report.stages.length}{" "}
        {report.stages.length === 1 ? "stage" : "stages"} · {report.survivors.length} accepted
      </p>
      <ExportLinks
        campaignId={report.campaign.id}
        query=""
        rows={[
          { path: "/results/curation", label: "Manifest: every vote (CSV)" },
          { path: "/results/dataset", label: "Accepted set: images + metadata.jsonl (.tar.gz)" },
        ]}
      />
      <section aria-label="Stages" className="space-y-2 rounded bg-white p-4 shadow" data-testid="curation-stages">
        <h2 className="text-xl font-semibold">Acceptance and agreement per stage</h2>
        <table className="text-sm">
          <thead>
            <tr>
              <th className="pr-4 text-left">Stage</th>
              <th className="pr-4 text-left">Rule</th>
              <th className="pr-4 text-right">Candidates</th>
              <th className="pr-4 text-right">Accepted</th>
              <th className="pr-4 text-right">Rejected</th>
              <th className="pr-4 text-right">Pending</th>
              <th className="pr-4 text-left">Acceptance (95% Wilson)</th>
              <th className="pr-4 text-right">Raw agreement</th>
              <th className="pr-4 text-right">Fleiss κ</th>
              <th className="pr-4 text-right">Krippendorff α</th>
              <th className="text-right">Gwet AC1</th>
            </tr>
          </thead>
          <tbody>
            {report.stages.map((s) => (
              <tr key={s.stage} data-testid="curation-stage">
                <td className="pr-4">
                  {s.stage} ({s.who})
                </td>
                <td className="pr-4">{s.rule}</td>
                <td className="pr-4 text-right tabular-nums">{s.candidates}</td>
                <td className="pr-4 text-right tabular-nums">{s.accepted}</td>
                <td className="pr-4 text-right tabular-nums">{s.rejected}</td>
                <td className="pr-4 text-right tabular-nums">{s.pending}</td>
                <td className="pr-4 tabular-nums" data-testid="acceptance">
                  {acceptanceWords(s.acceptance)}
                </td>
                <td className="pr-4 text-right tabular-nums">{fig(s.agreement.rawAgreement)}</td>
                <td className="pr-4 text-right tabular-nums">{fig(s.agreement.fleissKappa)}</td>
                <td className="pr-4 text-right tabular-nums">{fig(s.agreement.krippendorffAlpha)}</td>
                <td className="text-right tabular-nums">{fig(s.agreement.gwetAC1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-500">
          Acceptance = accepted / decided, images as independent trials. Agreement over images with at least two votes
          at the stage ({report.stages.map((s) => `stage ${s.stage}: ${s.agreement.images}`).join(", ")}).
        </p>
      </section>
      <section aria-label="Survivors" className="space-y-2 rounded bg-white p-4 shadow" data-testid="survivors">
        <h2 className="text-xl font-semibold">Survivors ({report.survivors.length})</h2>
        {report.survivors.length === 0 ? (
          <p className="text-sm text-slate-600">No image has passed every stage yet.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {report.survivors.map((s) => (
              <li key={s.imageId} className="text-xs" data-testid="survivor">
                <img
                  src={`/api/campaigns/${report.campaign.id}/images/${s.imageId}`}
                  alt={s.caption}
                  loading="lazy"
                  className="aspect-square w-full rounded object-contain"
                />
                <p className="mt-1 font-mono">{s.fileName}</p>
                <p className="text-slate-600">
                  {s.caption}
                  {s.model ? ` · ${s.model}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
