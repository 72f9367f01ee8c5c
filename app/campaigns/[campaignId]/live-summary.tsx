"use client";
import { useEffect, useState } from "react";
import type { CampaignSummary } from "@/lib/campaigns/campaign-summary";
import { onGoldText, pairsText } from "@/lib/campaigns/count-labels";
import { DataTable, type Column } from "../../components/data-table";
import { SequentialDecisions } from "./sequential-decisions";

type ItemSummary = NonNullable<CampaignSummary["items"]>;

const POLL_MS = 2000;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function eta(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The researcher's live view, polled every two seconds. */
export function LiveSummary({ initial }: { initial: CampaignSummary }) {
  const [summary, setSummary] = useState(initial);
  useEffect(() => {
    const timer = setInterval(async () => {
      const response = await fetch(`/api/campaigns/${initial.id}/summary`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) setSummary(await response.json());
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [initial.id]);

  const peak = Math.max(1, ...summary.hourly);
  if (summary.items) return <ItemProgress summary={summary} items={summary.items} peak={peak} />;
  return (
    <section aria-label="Progress" className="mt-4 space-y-4">
      <p className="text-slate-600">
        Status <strong data-testid="campaign-status">{summary.status}</strong> ·{" "}
        <span data-testid="pair-count">{pairsText({ regular: summary.pairs, gold: summary.goldPairs })}</span> ·{" "}
        <span data-testid="annotator-count">{summary.annotators}</span> annotators ·{" "}
        <strong data-testid="judgment-count">{summary.judgments}</strong> judgments
        {onGoldText(summary.judgmentsOnGold)} ·{" "}
        <span data-testid="judgments-per-hour">{summary.judgmentsLastHour}</span> of them in the last hour · ETA{" "}
        <span data-testid="eta">{eta(summary.etaSeconds)}</span> · left chosen{" "}
        <span data-testid="left-share">{summary.leftShare === null ? "—" : pct(summary.leftShare)}</span>
      </p>
      <Pace hourly={summary.hourly} peak={peak} answers="judgments" />
      <DataTable
        caption="Progress per criterion"
        padding="roomy"
        rows={summary.criteria}
        rowKey={(c) => c.id}
        columns={[
          { header: "Criterion", cell: (c) => c.question },
          {
            header: "Judgments (regular pairs)",
            testId: (c) => `judgments-${c.key}`,
            cell: (c) => `${c.judgments} / ${c.target * summary.pairs}`,
          },
          {
            header: "Pairs complete",
            testId: (c) => `complete-${c.key}`,
            cell: (c) => `${c.pairsComplete} / ${summary.pairs}`,
          },
        ]}
      />
      <SequentialDecisions campaignId={summary.id} stopping={summary.stopping} />
      <h2 className="text-lg font-semibold">Current win rates</h2>
      {summary.winRates.length === 0 ? (
        <p className="text-slate-600">No judgments yet.</p>
      ) : (
        <DataTable
          testId="win-rates"
          caption="Win rate (ties count half) per pair of models, majority per pair, 95% Wilson interval"
          rows={summary.winRates}
          rowKey={(r) => `${r.criterion}-${r.model}-${r.opponent}`}
          columns={[
            { header: "Criterion", cell: (r) => r.criterion },
            { header: "Model vs opponent", cell: (r) => `${r.model} vs ${r.opponent}` },
            { header: "Win / tie / loss (pairs)", cell: (r) => `${r.win} / ${r.tie} / ${r.loss}` },
            {
              header: "Win rate, 95% interval",
              cell: (r) => `${pct(r.winRate)} [${pct(r.lower)}, ${pct(r.upper)}]`,
            },
          ]}
        />
      )}
      <AnnotatorsTable summary={summary} answers="Judgments" />
    </section>
  );
}

function Pace({ hourly, peak, answers }: { hourly: number[]; peak: number; answers: string }) {
  return (
    <figure
      aria-label={`${answers[0].toUpperCase()}${answers.slice(1)} per hour, last 12 hours`}
      className="flex h-12 items-end gap-1"
    >
      {hourly.map((n, i) => (
        <div
          key={i}
          title={`${n} ${answers}`}
          className="w-4 bg-indigo-400"
          style={{ height: `${(100 * n) / peak}%` }}
        />
      ))}
    </figure>
  );
}

/** A rating or ranking campaign's live view: images or sets, answers per aspect, the results' figures, annotators with their signals. */
function ItemProgress({ summary, items, peak }: { summary: CampaignSummary; items: ItemSummary; peak: number }) {
  const answers = `${items.answer}s`;
  const Answers = `${items.answer[0].toUpperCase()}${items.answer.slice(1)}s`;
  const units = `${items.unit}s`;
  const { digits } = items.figures;
  const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(digits));
  return (
    <section aria-label="Progress" className="mt-4 space-y-4">
      <p className="text-slate-600">
        Status <strong data-testid="campaign-status">{summary.status}</strong> ·{" "}
        <span data-testid="item-count">
          {items.items} {items.items === 1 ? items.unit : units}
        </span>{" "}
        · <span data-testid="annotator-count">{summary.annotators}</span> annotators ·{" "}
        <strong data-testid="judgment-count">{summary.judgments}</strong> {answers} ·{" "}
        <span data-testid="judgments-per-hour">{summary.judgmentsLastHour}</span> of them in the last hour · ETA{" "}
        <span data-testid="eta">{eta(summary.etaSeconds)}</span>
      </p>
      <Pace hourly={summary.hourly} peak={peak} answers={answers} />
      <DataTable
        caption={items.answer === "rating" ? "Progress per aspect" : "Progress"}
        padding="roomy"
        rows={items.progress}
        rowKey={(c) => c.id}
        columns={[
          { header: items.answer === "rating" ? "Aspect" : "Question", cell: (c) => c.question },
          {
            header: Answers,
            testId: (c) => `judgments-${c.key}`,
            cell: (c) => `${c.answers} / ${c.target * items.items}`,
          },
          {
            header: `${units[0].toUpperCase()}${units.slice(1)} complete`,
            testId: (c) => `complete-${c.key}`,
            cell: (c) => `${c.complete} / ${items.items}`,
          },
        ]}
      />
      <h2 className="text-lg font-semibold">Current figures</h2>
      {items.figures.rows.length === 0 ? (
        <p className="text-slate-600">No {answers} yet.</p>
      ) : (
        <DataTable
          testId="item-figures"
          caption={items.figures.caption}
          rows={items.figures.rows}
          rowKey={(r) => `${r.group}-${r.model}`}
          columns={[
            { header: items.answer === "rating" ? "Aspect" : "Rank", cell: (r) => r.group },
            { header: "Model", cell: (r) => r.model },
            {
              header: items.answer === "rating" ? "Mean, interval" : "Rating, interval",
              cellClassName: "tabular-nums",
              cell: (r) => `${fmt(r.estimate)} [${fmt(r.lower)}, ${fmt(r.upper)}]`,
            },
            { header: "n", cellClassName: "tabular-nums", cell: (r) => r.n },
          ]}
        />
      )}
      <AnnotatorsTable summary={summary} answers={Answers} />
    </section>
  );
}

type AnnotatorRow = CampaignSummary["perAnnotator"][number];

/** The annotators with their answers, time and flag; gold accuracy for pairwise, quality signals for rating and ranking. */
function AnnotatorsTable({ summary, answers }: { summary: CampaignSummary; answers: string }) {
  const item = summary.items !== null;
  const columns: Column<AnnotatorRow>[] = [
    { header: "Annotator", cell: (a) => a.pseudonym },
    { header: "Who (crowd id)", cellClassName: "break-all", testId: "annotator-who", cell: (a) => a.label },
    { header: answers, cell: (a) => a.judgments },
    ...(item
      ? []
      : [
          {
            header: "Gold accuracy",
            cell: (a: AnnotatorRow) => (a.goldJudged ? `${a.goldCorrect} / ${a.goldJudged}` : "—"),
          },
        ]),
    { header: "Median time", cell: (a) => (a.medianMs === null ? "—" : `${(a.medianMs / 1000).toFixed(1)} s`) },
    { header: "Flag", cellClassName: "text-red-700", cell: (a) => a.flagged ?? "" },
    ...(item
      ? [
          {
            header: "Signals",
            cellClassName: "text-amber-800",
            testId: "annotator-signals",
            cell: (a: AnnotatorRow) => a.signals.join("; "),
          },
        ]
      : []),
  ];
  return (
    <>
      <h2 className="text-lg font-semibold">Annotators</h2>
      <DataTable testId="annotators" rows={summary.perAnnotator} rowKey={(a) => a.pseudonym} columns={columns} />
    </>
  );
}
