"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import type { StoppingSummary } from "@/lib/campaigns/stopping-summary";
import type { SequentialComparison, SequentialCriterionRow } from "@/lib/results/sequential-figures";
import { DataTable } from "../../components/data-table";
import { ErrorText } from "../../components/form-parts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const DECISION: Record<SequentialCriterionRow["decision"], string> = {
  winner_a: "winner",
  winner_b: "winner",
  no_difference: "no practical difference",
  budget: "budget spent",
  undecided: "undecided",
};

/**
 * "Stop when decided" in the live view: why the campaign closed itself (with the owner's override),
 * and per comparison and criterion the anytime-valid sequence, the decision with its reason and
 * the judgments still expected before a decision. Everything comes with the polled summary.
 */
export function SequentialDecisions({ campaignId, stopping }: { campaignId: string; stopping: StoppingSummary }) {
  const { figures, rule } = stopping;
  if (!figures) return null;
  const rows = figures.comparisons.flatMap((c) => c.criteria.map((r) => ({ c, r })));
  return (
    <section aria-label="Sequential decisions" className="space-y-2" data-testid="sequential-decisions">
      <h2 className="text-lg font-semibold">Decisions (valid whenever you look)</h2>
      {stopping.stoppedReason && (
        <StoppedNotice campaignId={campaignId} reason={stopping.stoppedReason} overridden={stopping.overridden} />
      )}
      <p className="text-sm text-slate-600" data-testid="stop-rule">
        {rule
          ? `Stop when decided: a winner, or no practical difference (50% ± ${pct(rule.margin)})`
          : "Adaptive allocation (no stopping rule)"}
        {`, ${pct(1 - figures.alpha)} sequences (${pct(1 - figures.comparisonAlpha)} per comparison)`}
        {rule?.judgmentBudget !== undefined && `, judgment budget ${rule.judgmentBudget}`}
        {rule?.moneyBudget !== undefined && `, money budget ${rule.moneyBudget} (spent ${figures.spent ?? 0})`}
        {stopping.overridden && ", overridden by you: nothing stops"}. {figures.summary}
      </p>
      <DataTable
        testId="sequences"
        caption="Per comparison and criterion: the anytime-valid sequence for the first model's win rate (ties half), the decision and the judgments expected before one"
        rows={rows}
        rowKey={({ c, r }) => `${c.modelAId}-${c.modelBId}-${r.criterion}`}
        rowTestId={({ c, r }) => `sequence-${c.modelA}-${c.modelB}-${r.criterion}`}
        columns={[
          { header: "Comparison", cell: ({ c }) => `${c.modelA} vs ${c.modelB}` },
          { header: "Criterion", cell: ({ r }) => r.criterion },
          { header: "Prompts", className: "text-right", cell: ({ r }) => r.prompts },
          {
            header: "Win rate [sequence]",
            cellClassName: "tabular-nums",
            cell: ({ r }) => `${pct(r.estimate)} [${pct(r.lower)}, ${pct(r.upper)}]`,
          },
          {
            header: "Decision",
            testId: "decision",
            cell: ({ r }) => <span title={r.reason}>{DECISION[r.decision]}</span>,
          },
          {
            header: "Why",
            cellClassName: "text-xs text-slate-600",
            testId: "decision-reason",
            cell: ({ r }) => r.reason,
          },
          { header: "Judgments to a decision", className: "text-right", cell: ({ c, r }) => expected(c, r) },
        ]}
      />
    </section>
  );
}

function expected(c: SequentialComparison, r: SequentialCriterionRow): string {
  if (r.decision !== "undecided") return c.decided ? "decided" : "0";
  return r.expectedJudgments === null ? "beyond 1,000 prompts" : `≈ ${r.expectedJudgments}`;
}

/** Why the rule closed the campaign, and the owner's way to continue anyway. */
function StoppedNotice({
  campaignId,
  reason,
  overridden,
}: {
  campaignId: string;
  reason: string;
  overridden: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function continueCampaign() {
    setBusy(true);
    const response = await fetch(`/api/campaigns/${campaignId}/transition`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ action: "continue" }),
    });
    setBusy(false);
    if (!response.ok)
      return setError((await response.json().catch(() => null))?.detail ?? `Failed (${response.status})`);
    router.refresh();
  }
  return (
    <div role="status" className="rounded bg-emerald-50 p-3 text-emerald-900" data-testid="stopped-reason">
      <p>
        {overridden ? "The stopping rule had closed this campaign: " : "Closed by the stopping rule: "}
        {reason}
      </p>
      {!overridden && (
        <button
          type="button"
          disabled={busy}
          onClick={continueCampaign}
          className="mt-2 rounded border border-emerald-700 px-3 py-1"
        >
          Continue annotating anyway (turns the rule off)
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
