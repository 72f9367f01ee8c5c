"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { ErrorText } from "../../components/form-parts";

const ACTIONS: Record<string, { action: string; label: string }[]> = {
  draft: [{ action: "launch", label: "Launch (generate images)" }],
  generating: [
    { action: "start-annotating", label: "Start annotating now" },
    { action: "pause", label: "Pause" },
  ],
  annotating: [
    { action: "pause", label: "Pause" },
    { action: "complete", label: "Complete" },
  ],
  paused: [
    { action: "resume", label: "Resume" },
    { action: "complete", label: "Complete" },
  ],
  completed: [],
};

/** The state machine's buttons (the server guards every move) and "new version". */
export function CampaignControls({ campaignId, status }: { campaignId: string; status: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function post(url: string, body?: unknown) {
    setBusy(true);
    setError(null);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
    setBusy(false);
    const result = await response.json().catch(() => null);
    if (!response.ok) return setError(result?.detail ?? `Failed (${response.status})`);
    if (result?.id) router.push(`/campaigns/${result.id}`);
    else router.refresh();
  }

  return (
    <div className="mt-3 flex flex-wrap items-center gap-2">
      {ACTIONS[status]?.map((a) => (
        <button
          key={a.action}
          type="button"
          disabled={busy}
          onClick={() => post(`/api/campaigns/${campaignId}/transition`, { action: a.action })}
          className="rounded border border-indigo-600 px-3 py-1 text-indigo-700"
        >
          {a.label}
        </button>
      ))}
      <button
        type="button"
        disabled={busy}
        onClick={() => post(`/api/campaigns/${campaignId}/versions`)}
        className="rounded border px-3 py-1"
      >
        New version (copy protocol)
      </button>
      <ErrorText error={error} />
    </div>
  );
}
