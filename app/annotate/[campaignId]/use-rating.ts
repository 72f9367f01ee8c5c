"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RatingNextView, RatingView } from "@/lib/rating/rating-view";

type Stop = Exclude<RatingNextView, { kind: "rating" }>;
export type LastRating = { ratingId: string; at: number };

const DELAYS_MS = [300, 1000, 3000, 6000];

/**
 * The rating page's state (the pairwise page's useVoting, for one image): the image on screen, one
 * prefetched (its image preloaded), answers, undo and errors. The answer to an image's last aspect
 * carries the next view; the server stays the source of truth (/rating-next on load, undo, refusal).
 */
export function useRating(campaignId: string) {
  const [view, setView] = useState<RatingView | null>(null);
  const [stop, setStop] = useState<Stop | null>(null);
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastRating | null>(null);
  const current = useRef<RatingView | null>(null);
  const shownAt = useRef(0);

  const apply = useCallback((next: RatingNextView) => {
    if (next.kind !== "rating") {
      current.current = null;
      setView(null);
      setStop(next);
      return;
    }
    setStop(null);
    setDone(next.view.progress.done);
    if (next.upcoming) new Image().src = next.upcoming.image;
    current.current = next.view;
    shownAt.current = performance.now();
    setAnswers({});
    setView(next.view);
  }, []);

  const refresh = useCallback(async () => {
    const response = await fetch(`/api/annotate/${campaignId}/rating-next`, { method: "POST" }).catch(() => null);
    if (!response?.ok) {
      const problem = await response?.json().catch(() => null);
      setError(problem?.detail ?? "Could not load the next image. Check your connection and reload the page.");
      return;
    }
    apply((await response.json()) as RatingNextView);
  }, [campaignId, apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const answer = useCallback(
    async (aspectId: string, value: number) => {
      const item = current.current;
      if (!item || busy || answers[aspectId] !== undefined) return;
      setBusy(true);
      setError(null);
      const next = { ...answers, [aspectId]: value };
      const screenDone = item.aspects.every((a) => next[a.id] !== undefined);
      const body = {
        assignmentId: item.assignmentId,
        aspectId,
        value,
        idempotencyKey: crypto.randomUUID(),
        latencyMs: Math.round(performance.now() - shownAt.current),
        ...(screenDone ? { nextFor: campaignId } : {}),
      };
      const result = await postRating(body);
      setBusy(false);
      if (!result.ok) {
        setError(result.message);
        if ([404, 409, 410].includes(result.status)) void refresh();
        return;
      }
      setLast({ ratingId: result.ratingId, at: Date.now() });
      setAnswers(next);
      if (!screenDone) return;
      if (result.next) apply(result.next);
      else void refresh();
    },
    [answers, busy, campaignId, apply, refresh],
  );

  const undo = useCallback(async () => {
    if (!last) return;
    setLast(null);
    const response = await fetch(`/api/ratings/${last.ratingId}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) setError((await response?.json().catch(() => null))?.detail ?? "Could not undo");
    await refresh();
  }, [last, refresh]);

  return { view, stop, answers, done, error, busy, last, answer, undo };
}

type PostResult =
  | { ok: true; ratingId: string; assignmentCompleted: boolean; next?: RatingNextView }
  | { ok: false; status: number; message: string };

/** Posts one rating, retrying network failures and 5xx with the same idempotency key (never counted twice). */
async function postRating(body: Record<string, unknown>): Promise<PostResult> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch("/api/ratings", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (response && response.ok) return { ok: true, ...(await response.json()) };
    if (response && response.status < 500) {
      const problem = await response.json().catch(() => null);
      return { ok: false, status: response.status, message: problem?.detail ?? `Request failed (${response.status})` };
    }
    if (attempt >= DELAYS_MS.length)
      return { ok: false, status: response?.status ?? 0, message: "Network problem: your answer could not be saved." };
    await new Promise((resolve) => setTimeout(resolve, DELAYS_MS[attempt]));
  }
}
