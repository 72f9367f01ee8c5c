"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ItemStopView } from "@/lib/rating/rating-view";

export type LastAnswer = { id: string; at: number };

type ItemKind = "rating" | "ranking" | "curation";
type Next<V> = { kind: ItemKind; view: V; upcoming: V | null } | ItemStopView;
type ViewShape = { assignmentId: string; progress: { done: number; total: number } };

const DELAYS_MS = [300, 1000, 3000, 6000];

/**
 * The state of a rating or ranking page (the pairwise page's useVoting, for items answered whole):
 * the item on screen, one prefetched (its images preloaded), the last answer for undo, errors. The
 * answer that completes an item carries the next view; the server stays the source of truth
 * (`/api/annotate/:id/<kind>-next` on load, after undo and after a refusal).
 */
export function useItemSession<V extends ViewShape>(
  campaignId: string,
  kind: ItemKind,
  imagesOf: (view: V) => string[],
) {
  const [view, setView] = useState<V | null>(null);
  const [stop, setStop] = useState<ItemStopView | null>(null);
  const [done, setDone] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastAnswer | null>(null);
  const current = useRef<V | null>(null);
  const shownAt = useRef(0);

  const apply = useCallback(
    (next: Next<V>) => {
      if (next.kind !== kind) {
        current.current = null;
        setView(null);
        setStop(next as ItemStopView);
        return;
      }
      const { view: shown, upcoming } = next as { view: V; upcoming: V | null };
      setStop(null);
      setDone(shown.progress.done);
      if (upcoming) for (const src of imagesOf(upcoming)) new Image().src = src;
      current.current = shown;
      shownAt.current = performance.now();
      setView(shown);
    },
    [kind, imagesOf],
  );

  const refresh = useCallback(async () => {
    const response = await fetch(`/api/annotate/${campaignId}/${kind}-next`, { method: "POST" }).catch(() => null);
    if (!response?.ok) {
      const problem = await response?.json().catch(() => null);
      setError(problem?.detail ?? "Could not load the next images. Check your connection and reload the page.");
      return;
    }
    apply((await response.json()) as Next<V>);
  }, [campaignId, kind, apply]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /**
   * Sends one answer on the item on screen (`fields` beside the assignment, key and latency); with
   * `last` the server answers with the next view. Returns false when it was refused.
   */
  const submit = useCallback(
    async (fields: Record<string, unknown>, lastOnScreen: boolean): Promise<boolean> => {
      const item = current.current;
      if (!item || busy) return false;
      setBusy(true);
      setError(null);
      const result = await postAnswer(`/api/${kind}s`, {
        assignmentId: item.assignmentId,
        ...fields,
        idempotencyKey: crypto.randomUUID(),
        latencyMs: Math.round(performance.now() - shownAt.current),
        ...(lastOnScreen ? { nextFor: campaignId } : {}),
      });
      setBusy(false);
      if (!result.ok) {
        setError(result.message);
        if ([404, 409, 410].includes(result.status)) void refresh();
        return false;
      }
      const id = String(result.body[`${kind}Id`]);
      setLast({ id, at: Date.now() });
      if (lastOnScreen) {
        if (result.body.next) apply(result.body.next as Next<V>);
        else void refresh();
      }
      return true;
    },
    [busy, campaignId, kind, apply, refresh],
  );

  const undo = useCallback(async () => {
    if (!last) return;
    setLast(null);
    const response = await fetch(`/api/${kind}s/${last.id}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) setError((await response?.json().catch(() => null))?.detail ?? "Could not undo");
    await refresh();
  }, [last, kind, refresh]);

  return { view, stop, done, error, busy, last, submit, undo };
}

type PostResult = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; message: string };

/** Posts one answer, retrying network failures and 5xx with the same idempotency key (never counted twice). */
async function postAnswer(url: string, body: Record<string, unknown>): Promise<PostResult> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (response && response.ok) return { ok: true, body: await response.json() };
    if (response && response.status < 500) {
      const problem = await response.json().catch(() => null);
      return { ok: false, status: response.status, message: problem?.detail ?? `Request failed (${response.status})` };
    }
    if (attempt >= DELAYS_MS.length)
      return { ok: false, status: response?.status ?? 0, message: "Network problem: your answer could not be saved." };
    await new Promise((resolve) => setTimeout(resolve, DELAYS_MS[attempt]));
  }
}
