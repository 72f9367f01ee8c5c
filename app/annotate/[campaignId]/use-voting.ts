"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { AssignmentView, NextView } from "@/lib/annotation/assignment-view";
import { submitWithRetry } from "./submit-with-retry";

type Stop = Exclude<NextView, { kind: "pair" }>;
export type LastJudgment = { judgmentId: string; at: number };

/**
 * The voting page's state: the pair on screen, one prefetched pair (its images preloaded, so it
 * paints at once after a vote), answers, undo and errors. The server is the source of truth:
 * the answer to a pair's last vote carries the next view (or, failing that, a /next call confirms what to show).
 */
export function useVoting(campaignId: string) {
  const [view, setView] = useState<AssignmentView | null>(null);
  const [stop, setStop] = useState<Stop | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastJudgment | null>(null);
  const upcoming = useRef<AssignmentView | null>(null);
  const current = useRef<AssignmentView | null>(null);
  const shownAt = useRef(0);

  const show = useCallback((next: AssignmentView) => {
    current.current = next;
    shownAt.current = performance.now();
    setAnswers({});
    setView(next);
  }, []);

  /** Puts the server's answer on screen; `replace` forces it (first load, undo, a stale pair). */
  const apply = useCallback(
    (next: NextView, replace: boolean) => {
      if (next.kind !== "pair") {
        current.current = null;
        upcoming.current = null;
        setView(null);
        setStop(next);
        return;
      }
      setStop(null);
      setDone(next.view.progress.done);
      upcoming.current = next.upcoming;
      if (next.upcoming) for (const src of Object.values(next.upcoming.images)) new Image().src = src;
      if (
        replace ||
        current.current?.assignmentId !== next.view.assignmentId ||
        current.current.criteria[0]?.id !== next.view.criteria[0]?.id
      )
        show(next.view);
    },
    [show],
  );

  /** Asks the server what to show. */
  const refresh = useCallback(
    async (replace: boolean) => {
      const response = await fetch(`/api/annotate/${campaignId}/next`, { method: "POST" }).catch(() => null);
      if (!response?.ok) {
        const problem = await response?.json().catch(() => null);
        setError(problem?.detail ?? "Could not load the next pair. Check your connection and reload the page.");
        return;
      }
      apply((await response.json()) as NextView, replace);
    },
    [campaignId, apply],
  );

  useEffect(() => {
    void refresh(true);
  }, [refresh]);

  const answer = useCallback(
    async (criterionId: string, choice: string) => {
      const pair = current.current;
      if (!pair || busy || answers[criterionId]) return;
      setBusy(true);
      setError(null);
      const next = { ...answers, [criterionId]: choice };
      const pairDone = pair.criteria.every((c) => next[c.id]);
      const body = {
        assignmentId: pair.assignmentId,
        criterionId,
        choice,
        idempotencyKey: crypto.randomUUID(),
        latencyMs: Math.round(performance.now() - shownAt.current),
        // After a pair's last answer the server sends what comes next in the same response.
        ...(pairDone ? { nextFor: campaignId } : {}),
      };
      // The last answer on this pair: paint the prefetched pair at once (its images are already
      // decoded) instead of after the round trip; the vote is sent meanwhile, and any refusal
      // puts the server's view back on screen.
      const painted = pair.remaining === 0 && pairDone && upcoming.current !== null;
      if (painted) {
        show(upcoming.current!);
        upcoming.current = null;
      }
      const result = await submitWithRetry(body);
      setBusy(false);
      if (!result.ok) {
        setError(result.message);
        if (painted || result.status === 410 || result.status === 404 || result.status === 409) void refresh(true);
        return;
      }
      setLast({ judgmentId: result.judgmentId, at: Date.now() });
      if (!painted) setAnswers(next);
      if (result.sessionEnded) return void refresh(true);
      if (!pairDone) return;
      if (result.assignmentCompleted) setDone((d) => d + 1);
      if (result.next) apply(result.next, false);
      else void refresh(false);
    },
    [answers, busy, campaignId, apply, refresh, show],
  );

  const undo = useCallback(async () => {
    if (!last) return;
    setLast(null);
    const response = await fetch(`/api/judgments/${last.judgmentId}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) setError((await response?.json().catch(() => null))?.detail ?? "Could not undo");
    await refresh(true);
  }, [last, refresh]);

  return { view, stop, answers, done, error, busy, last, answer, undo };
}
