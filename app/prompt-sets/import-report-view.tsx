import type { ImportReport } from "@/lib/prompts/report";
import { DataTable } from "../components/data-table";

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
        <DataTable
          variant="plain"
          label="Import issues"
          rows={report.issues}
          rowKey={(_, i) => i}
          rowClassName={(issue) => (issue.severity === "error" ? "text-red-800" : "text-amber-800")}
          columns={[
            { header: "Line", cellClassName: "tabular-nums", cell: (issue) => issue.line },
            { header: "Severity", cell: (issue) => issue.severity },
            { header: "Problem", cellClassName: "font-mono text-xs", cell: (issue) => issue.code },
            { header: "Field", cell: (issue) => issue.field ?? "" },
            { header: "Message", cell: (issue) => issue.message },
          ]}
        />
      )}
      {report.issuesOmitted > 0 && (
        <p className="text-slate-600">…and {report.issuesOmitted.toLocaleString("en")} more issues not listed.</p>
      )}
    </div>
  );
}
