"use client";
import { useEffect, useState } from "react";
import type { CampaignSummary } from "@/lib/campaigns/campaign-summary";

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
  return (
    <section aria-label="Progress" className="mt-4 space-y-4">
      <p className="text-slate-600">
        Status <strong data-testid="campaign-status">{summary.status}</strong> · {summary.pairs} pairs (
        {summary.goldPairs} gold) · <span data-testid="annotator-count">{summary.annotators}</span> annotators ·{" "}
        <strong data-testid="judgment-count">{summary.judgments}</strong> judgments ·{" "}
        <span data-testid="judgments-per-hour">{summary.judgmentsLastHour}</span> in the last hour · ETA{" "}
        <span data-testid="eta">{eta(summary.etaSeconds)}</span> · left chosen{" "}
        <span data-testid="left-share">{summary.leftShare === null ? "—" : pct(summary.leftShare)}</span>
      </p>
      <figure aria-label="Judgments per hour, last 12 hours" className="flex h-12 items-end gap-1">
        {summary.hourly.map((n, i) => (
          <div
            key={i}
            title={`${n} judgments`}
            className="w-4 bg-indigo-400"
            style={{ height: `${(100 * n) / peak}%` }}
          />
        ))}
      </figure>
      <table className="w-full rounded bg-white text-left shadow">
        <caption className="sr-only">Progress per criterion</caption>
        <thead>
          <tr className="border-b text-sm text-slate-500">
            <th className="p-3">Criterion</th>
            <th className="p-3">Judgments</th>
            <th className="p-3">Pairs complete</th>
          </tr>
        </thead>
        <tbody>
          {summary.criteria.map((c) => (
            <tr key={c.id} className="border-b last:border-0">
              <td className="p-3">{c.question}</td>
              <td className="p-3" data-testid={`judgments-${c.key}`}>
                {c.judgments} / {c.target * summary.pairs}
              </td>
              <td className="p-3" data-testid={`complete-${c.key}`}>
                {c.pairsComplete} / {summary.pairs}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="text-lg font-semibold">Current win rates</h2>
      {summary.winRates.length === 0 ? (
        <p className="text-slate-600">No judgments yet.</p>
      ) : (
        <table className="w-full rounded bg-white text-left text-sm shadow" data-testid="win-rates">
          <caption className="sr-only">
            Win rate (ties count half) per pair of models, majority per pair, 95% Wilson interval
          </caption>
          <thead>
            <tr className="border-b text-slate-500">
              <th className="p-2">Criterion</th>
              <th className="p-2">Model vs opponent</th>
              <th className="p-2">Win / tie / loss (pairs)</th>
              <th className="p-2">Win rate, 95% interval</th>
            </tr>
          </thead>
          <tbody>
            {summary.winRates.map((r) => (
              <tr key={`${r.criterion}-${r.model}-${r.opponent}`} className="border-b last:border-0">
                <td className="p-2">{r.criterion}</td>
                <td className="p-2">
                  {r.model} vs {r.opponent}
                </td>
                <td className="p-2">
                  {r.win} / {r.tie} / {r.loss}
                </td>
                <td className="p-2">
                  {pct(r.winRate)} [{pct(r.lower)}, {pct(r.upper)}]
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="text-lg font-semibold">Annotators</h2>
      <table className="w-full rounded bg-white text-left text-sm shadow" data-testid="annotators">
        <thead>
          <tr className="border-b text-slate-500">
            <th className="p-2">Annotator</th>
            <th className="p-2">Judgments</th>
            <th className="p-2">Gold accuracy</th>
            <th className="p-2">Median time</th>
            <th className="p-2">Flag</th>
          </tr>
        </thead>
        <tbody>
          {summary.perAnnotator.map((a) => (
            <tr key={a.label} className="border-b last:border-0">
              <td className="p-2">{a.label}</td>
              <td className="p-2">{a.judgments}</td>
              <td className="p-2">{a.goldJudged ? `${a.goldCorrect} / ${a.goldJudged}` : "—"}</td>
              <td className="p-2">{a.medianMs === null ? "—" : `${(a.medianMs / 1000).toFixed(1)} s`}</td>
              <td className="p-2 text-red-700">{a.flagged ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
