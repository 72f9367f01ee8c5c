"use client";
import { useEffect, useState } from "react";
import type { CampaignSummary } from "@/lib/campaigns/campaign-summary";

const POLL_MS = 2000;

export function LiveSummary({ initial }: { initial: CampaignSummary }) {
  const [summary, setSummary] = useState(initial);
  useEffect(() => {
    const timer = setInterval(async () => {
      const response = await fetch(`/api/campaigns/${initial.id}/summary`, { cache: "no-store" }).catch(() => null);
      if (response?.ok) setSummary(await response.json());
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [initial.id]);

  return (
    <section aria-label="Progress" className="mt-4 space-y-4">
      <p className="text-slate-600">
        Status <strong data-testid="campaign-status">{summary.status}</strong> · {summary.pairs} pairs ·{" "}
        <span data-testid="annotator-count">{summary.annotators}</span> annotators ·{" "}
        <strong data-testid="judgment-count">{summary.judgments}</strong> judgments
      </p>
      <table className="w-full rounded bg-white text-left shadow">
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
              <td className="p-3">{c.pairsComplete}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
