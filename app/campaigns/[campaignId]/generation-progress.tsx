"use client";
import { useEffect, useState } from "react";
import type { GenerationProgress as Progress } from "@/lib/generation/generation-progress";

const POLL_MS = 1500;

function eta(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/** "2.1 s/image (queue 0.4 s, generation 1.5 s)", or "" before the first image. */
function timing(m: Progress["models"][number]): string {
  if (m.secondsPerImage === null) return "";
  const parts = [
    m.queueSecondsPerImage === null ? null : `queue ${m.queueSecondsPerImage} s`,
    m.generationSecondsPerImage === null ? null : `generation ${m.generationSecondsPerImage} s`,
  ].filter(Boolean);
  return ` · ${m.secondsPerImage} s/image${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

/** Live generation progress: a bar per model, throughput, ETA, failed jobs with a retry button. */
export function GenerationProgress({ campaignId }: { campaignId: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const load = async () => {
      const response = await fetch(`/api/campaigns/${campaignId}/generation`, { cache: "no-store" }).catch(() => null);
      if (!stopped && response?.ok) setProgress(await response.json());
    };
    void load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [campaignId]);

  if (!progress || progress.total === 0) return null;
  const retry = async () => {
    setRetrying(true);
    setRetryError(null);
    const response = await fetch(`/api/campaigns/${campaignId}/generation/retry`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    if (!response?.ok) {
      const problem = response ? ((await response.json().catch(() => null)) as { detail?: string } | null) : null;
      setRetryError(
        `The failed jobs were not re-queued: ${problem?.detail ?? (response ? `the server answered ${response.status}` : "the server could not be reached")}. Try again.`,
      );
    }
    setRetrying(false);
  };
  return (
    <section aria-label="Image generation" className="mt-6 rounded bg-white p-4 shadow">
      <h2 className="font-semibold">
        Image generation{" "}
        <span className="text-sm font-normal text-slate-500">
          ({progress.done} of {progress.total} images, {progress.workers.length} worker
          {progress.workers.length === 1 ? "" : "s"} online{progress.cost === null ? "" : `, cost ${progress.cost}`})
        </span>
      </h2>
      <ul className="mt-3 space-y-3">
        {progress.models.map((m) => (
          <li key={m.modelId}>
            <div className="flex justify-between text-sm">
              <span>{m.model}</span>
              <span className="text-slate-500">
                {m.done} done · {m.failed} failed · {m.pending + m.running} pending ·{" "}
                <span title="images done per second while the model's jobs were running">
                  {m.imagesPerSecond} img/s over {eta(Math.round(m.activeSeconds))} active
                </span>{" "}
                · ETA {eta(m.etaSeconds)}
                {timing(m)}
                {m.cost === null ? "" : ` · cost ${m.cost}`}
              </span>
            </div>
            <div
              role="progressbar"
              aria-label={`${m.model} generation`}
              aria-valuemin={0}
              aria-valuemax={m.total}
              aria-valuenow={m.done}
              className="mt-1 h-3 w-full overflow-hidden rounded bg-slate-200"
            >
              <div
                className="h-full bg-indigo-600 transition-all"
                style={{ width: `${m.total ? (100 * m.done) / m.total : 0}%` }}
              />
            </div>
          </li>
        ))}
      </ul>
      {progress.failures.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-medium text-red-700">Failed jobs</h3>
          <ul className="mt-1 max-h-48 overflow-auto text-sm">
            {progress.failures.map((f) => (
              <li key={f.jobId} className="border-b py-1">
                {f.model} · prompt {f.promptId} · seed {f.seed} · {f.attempts} attempts:{" "}
                <span className="text-slate-600">{f.error}</span>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={retry}
            disabled={retrying}
            className="mt-2 rounded bg-red-600 px-3 py-1 text-sm text-white disabled:opacity-50"
          >
            Retry failed jobs
          </button>
          {retryError && (
            <p role="alert" className="mt-2 text-sm text-red-700">
              {retryError}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
