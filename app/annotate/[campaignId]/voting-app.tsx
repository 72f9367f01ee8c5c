"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { NextView } from "@/lib/annotation/assignment-view";
import { submitWithRetry } from "./submit-with-retry";

const LABELS: Record<string, string> = { left: "Left", right: "Right", tie: "Tie", both: "Both", neither: "Neither" };
// Keyboard: 1/2/3/4 pick the choice at that position; arrows map to left/right/tie.
const ARROWS: Record<string, string> = { ArrowLeft: "left", ArrowRight: "right", ArrowDown: "tie" };

type Pair = Extract<NextView, { kind: "pair" }>["view"];

export function VotingApp({ campaignId, instructions }: { campaignId: string; instructions: string }) {
  const [state, setState] = useState<NextView | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shownAt = useRef(0);

  const loadNext = useCallback(async () => {
    setError(null);
    const response = await fetch(`/api/annotate/${campaignId}/next`, { method: "POST" });
    if (!response.ok) {
      setError((await response.json().catch(() => null))?.detail ?? `Could not load the next pair (${response.status})`);
      return;
    }
    setAnswers({});
    setState(await response.json());
    shownAt.current = performance.now();
  }, [campaignId]);

  useEffect(() => {
    void loadNext();
  }, [loadNext]);

  const answer = useCallback(
    async (pair: Pair, criterionId: string, choice: string) => {
      if (busy || answers[criterionId]) return;
      setBusy(true);
      const result = await submitWithRetry({
        assignmentId: pair.assignmentId,
        criterionId,
        choice,
        idempotencyKey: crypto.randomUUID(),
        latencyMs: Math.round(performance.now() - shownAt.current),
      });
      setBusy(false);
      if (!result.ok) {
        setError(result.message);
        if (result.status === 410 || result.status === 404) void loadNext();
        return;
      }
      const next = { ...answers, [criterionId]: choice };
      setAnswers(next);
      if (pair.criteria.every((c) => next[c.id])) void loadNext();
    },
    [answers, busy, loadNext],
  );

  useEffect(() => {
    if (state?.kind !== "pair") return;
    const pair = state.view;
    const onKey = (event: KeyboardEvent) => {
      const open = pair.criteria.find((c) => !answers[c.id]);
      if (!open || event.altKey || event.ctrlKey || event.metaKey) return;
      const byDigit = /^[1-5]$/.test(event.key) ? open.choices[Number(event.key) - 1] : undefined;
      const byArrow = ARROWS[event.key] && open.choices.includes(ARROWS[event.key]) ? ARROWS[event.key] : undefined;
      const choice = byDigit ?? byArrow;
      if (choice) {
        event.preventDefault();
        void answer(pair, open.id, choice);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [state, answers, answer]);

  if (!state) return <p aria-live="polite">Loading…</p>;
  if (state.kind === "finished") {
    return (
      <section className="mx-auto mt-16 max-w-md rounded bg-white p-8 text-center shadow" aria-live="polite">
        <h2 className="text-xl font-semibold">Thank you — all done</h2>
        {state.completionCode && (
          <p className="mt-4">
            Your completion code: <strong data-testid="completion-code">{state.completionCode}</strong>
          </p>
        )}
      </section>
    );
  }
  const pair = state.view;
  return (
    <section aria-label="Pair to judge">
      {instructions && <p className="mb-2 text-sm text-slate-600">{instructions}</p>}
      <p className="mb-2 text-sm text-slate-500" data-testid="progress">
        {pair.progress.done} judged{pair.progress.cap ? ` of ${pair.progress.cap}` : ""}
      </p>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {(["left", "right"] as const).map((side) => (
          <figure key={side} className="rounded bg-white p-2 shadow">
            <img src={pair.images[side]} alt={`${LABELS[side]} image`} className="mx-auto max-h-[60vh] w-auto" />
            <figcaption className="mt-1 text-center text-sm text-slate-500">{LABELS[side]}</figcaption>
          </figure>
        ))}
      </div>
      {pair.criteria.map((criterion) => (
        <fieldset key={criterion.id} className="mt-4 rounded bg-white p-4 shadow" disabled={busy || Boolean(answers[criterion.id])}>
          <legend className="font-medium">{criterion.question}</legend>
          {criterion.showPrompt && pair.prompt && (
            <p className="mt-1 text-slate-700" data-testid="prompt-text">
              “{pair.prompt}”
            </p>
          )}
          <div className="mt-3 flex flex-wrap gap-2">
            {criterion.choices.map((choice, i) => (
              <button
                key={choice}
                type="button"
                onClick={() => void answer(pair, criterion.id, choice)}
                aria-pressed={answers[criterion.id] === choice}
                className="rounded border border-slate-300 px-4 py-2 hover:bg-indigo-50 aria-pressed:bg-indigo-600 aria-pressed:text-white"
              >
                {LABELS[choice]} <kbd className="ml-1 text-xs text-slate-500">{i + 1}</kbd>
              </button>
            ))}
          </div>
        </fieldset>
      ))}
      {error && (
        <p role="alert" className="mt-3 text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
