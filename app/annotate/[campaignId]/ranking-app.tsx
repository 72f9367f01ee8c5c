"use client";
import { useState } from "react";
import type { RankingView } from "@/lib/ranking/ranking-view";
import { AnswerBar, AnswerScreen, type AnswerPage } from "./session-header";
import { useItemSession } from "./use-item-session";
import { useAnswerScreen } from "./use-answer-screen";
import { RankingOrderList, startDrag } from "./ranking-order-list";
import { orderText, placedAnnouncement, placementRanks, ranksBySlot, type Placement } from "./ranking-order";

const imagesOf = (view: RankingView) => view.images;

/**
 * The ranking page (issue 22): K images of one prompt, each numbered by its slot. The annotator
 * presses the slots' numbers (or clicks the images) from the one they prefer most to the one they
 * prefer least; `=` before a number ties that image with the one placed just before; Backspace
 * takes the last placement back, Enter sends the order once every image is placed, `z` undoes the
 * last order sent within a few seconds. The order so far is a list that can be rearranged by
 * dragging (an image from the grid too) or, focused, by the arrow keys (ranking-order-list.tsx);
 * every change is announced. Blind: the page knows only slot URLs of the assignment.
 */
export function RankingApp(page: AnswerPage) {
  const session = useItemSession<RankingView>(page.campaignId, "ranking", imagesOf);
  const { view, error, busy, last, submit, undo } = session;
  const [placed, setPlaced] = useState<Placement[]>([]);
  const [tieNext, setTieNext] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [placedFor, setPlacedFor] = useState(view?.assignmentId ?? "");
  if ((view?.assignmentId ?? "") !== placedFor) {
    // A new set on screen: nothing placed yet.
    setPlacedFor(view?.assignmentId ?? "");
    setPlaced([]);
    setTieNext(false);
    setAnnouncement("");
  }
  const k = view?.images.length ?? 0;
  const complete = k > 0 && placed.length === k;
  const ranks = placementRanks(placed);

  const reorder = (next: Placement[], message: string) => {
    setPlaced(next);
    setTieNext(false);
    setAnnouncement(message);
  };
  const place = (slot: number) => {
    if (busy || slot < 0 || slot >= k || placed.some((p) => p.slot === slot)) return;
    const next = [...placed, { slot, tie: tieNext && placed.length > 0 }];
    reorder(next, placedAnnouncement(next, slot));
  };
  const send = async () => {
    if (!complete || busy) return;
    await submit({ ranks: ranksBySlot(placed, k) }, true);
  };

  const { undoNow, heading } = useAnswerScreen({
    last,
    screenKey: view?.assignmentId ?? "",
    undo: { run: undo, keys: ["z"], open: placed.length === 0 },
    onKey: (event) => {
      const digit = /^[1-6]$/.test(event.key) ? Number(event.key) - 1 : -1;
      if (digit >= 0) place(digit);
      else if (event.key === "=") setTieNext(placed.length > 0);
      else if (event.key === "Backspace" && placed.length > 0) {
        const taken = placed[placed.length - 1].slot;
        reorder(placed.slice(0, -1), placedAnnouncement([], taken));
      } else if (event.key === "Enter") void send();
      else return false;
      return true;
    },
  });

  return (
    <AnswerScreen
      label="Images to order"
      keys={
        <>
          Keys: an image&apos;s number to place it next, <kbd>=</kbd> then a number for a tie, <kbd>Backspace</kbd> to
          take back, <kbd>Enter</kbd> to send, <kbd>z</kbd> to undo. Drag to reorder, or focus a place in your order and
          use <kbd>↑</kbd> <kbd>↓</kbd>.
        </>
      }
      page={page}
      session={session}
      bar={
        <AnswerBar what="order" onUndo={undoNow} error={error}>
          <p data-testid="placed-order" className="text-sm">
            {placed.length === 0
              ? "Press the number of the image you prefer most."
              : `Order so far: ${orderText(placed)}${tieNext ? " =" : ""}`}
          </p>
          <button
            type="button"
            className="rounded border px-3 py-1"
            onClick={() => setTieNext(placed.length > 0)}
            disabled={placed.length === 0 || complete}
          >
            Tie with the last <kbd className="text-xs">=</kbd>
          </button>
          <button
            type="button"
            className="rounded bg-indigo-600 px-4 py-1 text-white disabled:opacity-50"
            disabled={!complete || busy}
            onClick={() => void send()}
            data-testid="send-ranking"
          >
            Send <kbd className="text-xs">Enter</kbd>
          </button>
        </AnswerBar>
      }
    >
      {(view) => (
        <>
          <h2 ref={heading} tabIndex={-1} className="font-medium outline-none">
            {view.question}
          </h2>
          <p className="mt-1 text-lg text-slate-800" data-testid="prompt-text">
            “{view.prompt}”
          </p>
          <div className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3">
            {view.images.map((src, slot) => {
              const index = placed.findIndex((p) => p.slot === slot);
              const placement = index >= 0 ? { rank: ranks[index] } : undefined;
              return (
                <button
                  key={src}
                  type="button"
                  draggable={!busy}
                  onDragStart={(e) => startDrag(e, slot)}
                  onClick={() => place(slot)}
                  aria-keyshortcuts={String(slot + 1)}
                  aria-pressed={placement !== undefined}
                  className="relative rounded bg-white p-2 shadow focus:outline-2 focus:outline-indigo-600 aria-pressed:ring-2 aria-pressed:ring-indigo-600"
                  data-testid="ranking-slot"
                >
                  <img
                    src={src}
                    alt={`Image ${slot + 1}`}
                    className="mx-auto max-h-[40vh] w-full object-contain"
                    draggable={false}
                  />
                  <span className="absolute left-2 top-2 rounded bg-slate-800 px-2 text-white">
                    <kbd>{slot + 1}</kbd>
                  </span>
                  {placement && (
                    <span
                      className="absolute right-2 top-2 rounded bg-indigo-600 px-2 text-white"
                      data-testid="placed-rank"
                    >
                      #{placement.rank}
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          <RankingOrderList
            images={view.images}
            placed={placed}
            disabled={busy}
            onChange={(next, message) => reorder(next, message)}
          />
          <p className="sr-only" aria-live="assertive" data-testid="ranking-announcement">
            {announcement}
          </p>
        </>
      )}
    </AnswerScreen>
  );
}
