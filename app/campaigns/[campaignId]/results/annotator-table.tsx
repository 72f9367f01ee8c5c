import type { AnnotatorRow } from "@/lib/results/report-json";
import { count, fixed, pct, pValue } from "@/lib/results/format";
import { SortableTable } from "./sortable-table";

/**
 * Per-annotator quality over all their judgments, with the crowd id the owner pays by: gold, agreement, speed and the crowd-quality
 * signals (docs/STATISTICS.md), the flags that fire, and whether (and why) they are excluded.
 */
export function AnnotatorTable({
  annotators,
  crowdIds,
}: {
  annotators: AnnotatorRow[];
  /** Per pseudonym, the crowd platform and worker id ("prolific 5f1e…"): the owner's, to approve and pay by. */
  crowdIds: Record<string, string>;
}) {
  return (
    <SortableTable
      label="Annotators"
      headers={[
        "annotator",
        "crowd id",
        "judgments",
        "gold answered",
        "gold accuracy",
        "agreement with majority",
        "median seconds",
        "left share (run, p)",
        "time CV",
        "agreement vs crowd (p)",
        "same address",
        "flags",
        "excluded",
      ]}
      rows={annotators.map((a) => {
        const { sideBias, timing, looAgreement, sharedDevice } = a.signals;
        const cv = [timing.answerSeconds.robustCv, timing.gapSeconds.robustCv].filter((x) => x !== null);
        const minCv = cv.length > 0 ? Math.min(...cv) : null;
        return {
          key: a.annotator,
          cells: [
            { text: a.annotator, sort: a.annotator },
            { text: crowdIds[a.annotator] ?? "–", sort: crowdIds[a.annotator] ?? "" },
            { text: count(a.judgments), sort: a.judgments },
            { text: count(a.goldAnswered), sort: a.goldAnswered },
            { text: pct(a.goldAccuracy), sort: a.goldAccuracy },
            { text: pct(a.agreementWithMajority), sort: a.agreementWithMajority },
            { text: fixed(a.medianSeconds, 1), sort: a.medianSeconds },
            {
              text: `${pct(sideBias.leftShare)} (${sideBias.longestRun}, ${pValue(Math.min(sideBias.pValue, sideBias.runPValue))})`,
              sort: sideBias.leftShare,
            },
            { text: fixed(minCv, 2), sort: minCv },
            {
              text: `${pct(looAgreement.rate)} vs ${pct(looAgreement.crowdRate)} (${pValue(looAgreement.pValue)})`,
              sort: looAgreement.rate,
            },
            {
              text: sharedDevice === null ? "–" : String(sharedDevice.sharedWith.length),
              sort: sharedDevice?.sharedWith.length ?? null,
            },
            { text: a.flags.join(", ") || "none", sort: a.flags.length },
            { text: a.reason ?? "no", sort: a.reason ?? "" },
          ],
        };
      })}
    />
  );
}
