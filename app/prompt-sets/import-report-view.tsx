import type { ImportReport } from "@/lib/prompts/report";

/** The import report: counts, then every kept issue with its line. Text is rendered inert. */
export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div data-testid="import-report" className="space-y-2 text-sm">
      <p>
        <strong>{report.fileName}</strong> read as {report.format.toUpperCase()} ({report.formatSource}):{" "}
        {report.rowsRead.toLocaleString("en")} rows, {report.accepted.toLocaleString("en")} accepted,{" "}
        {report.skipped.toLocaleString("en")} skipped · <span data-testid="error-count">{report.errorCount}</span>{" "}
        errors · <span data-testid="warning-count">{report.warningCount}</span> warnings
      </p>
      {report.issues.length > 0 && (
        <table className="w-full text-left" aria-label="Import issues">
          <thead>
            <tr className="border-b text-slate-500">
              <th className="p-2">Line</th>
              <th className="p-2">Severity</th>
              <th className="p-2">Problem</th>
              <th className="p-2">Field</th>
              <th className="p-2">Message</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((issue, i) => (
              <tr
                key={i}
                className={`border-b last:border-0 ${issue.severity === "error" ? "text-red-800" : "text-amber-800"}`}
              >
                <td className="p-2 tabular-nums">{issue.line}</td>
                <td className="p-2">{issue.severity}</td>
                <td className="p-2 font-mono text-xs">{issue.code}</td>
                <td className="p-2">{issue.field ?? ""}</td>
                <td className="p-2">{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.issuesOmitted > 0 && (
        <p className="text-slate-600">…and {report.issuesOmitted.toLocaleString("en")} more issues not listed.</p>
      )}
    </div>
  );
}
