import type { AnnotatorRow } from "@/lib/results/report-json";
import { count, fixed, pct } from "@/lib/results/format";
import { SortableTable } from "./sortable-table";

/** Per-annotator quality over all their judgments, with whether (and why) they are excluded. */
export function AnnotatorTable({ annotators }: { annotators: AnnotatorRow[] }) {
  return (
    <SortableTable
      label="Annotators"
      headers={[
        "annotator",
        "judgments",
        "gold answered",
        "gold accuracy",
        "agreement with majority",
        "median seconds",
        "excluded",
      ]}
      rows={annotators.map((a) => ({
        key: a.annotator,
        cells: [
          { text: a.annotator, sort: a.annotator },
          { text: count(a.judgments), sort: a.judgments },
          { text: count(a.goldAnswered), sort: a.goldAnswered },
          { text: pct(a.goldAccuracy), sort: a.goldAccuracy },
          { text: pct(a.agreementWithMajority), sort: a.agreementWithMajority },
          { text: fixed(a.medianSeconds, 1), sort: a.medianSeconds },
          { text: a.reason ?? "no", sort: a.reason ?? "" },
        ],
      }))}
    />
  );
}
