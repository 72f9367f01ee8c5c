"use client";
import { useEffect, useRef, useState, type DragEvent } from "react";
import {
  movePlacement,
  placeAt,
  placedAnnouncement,
  placementRanks,
  removePlacement,
  toggleTie,
  type Placement,
} from "./ranking-order";

/** What a drag carries: a placement being moved, or an image from the grid being placed. */
export const DRAG_TYPE = "application/x-photogenic-slot";

/** Starts dragging the image of `slot` (the grid's tiles and the order's rows both carry the slot). */
export function startDrag(event: DragEvent, slot: number): void {
  event.dataTransfer.setData(DRAG_TYPE, String(slot));
  event.dataTransfer.effectAllowed = "move";
}

function draggedSlot(event: DragEvent): number | null {
  const raw = event.dataTransfer.getData(DRAG_TYPE);
  return raw === "" ? null : Number(raw);
}

/**
 * The order being built, best first, as a list that can be rearranged: drag a row (or an image
 * from the grid) onto a row to put it at that place, or onto the end; with a row focused, Arrow
 * Up / Arrow Down move it; each row has buttons to move it, tie it with the row above, or take it
 * out. Every change is announced (`onChange`'s message goes to a live region). Native HTML5 drag
 * events; nothing here names a model.
 */
export function RankingOrderList({
  images,
  placed,
  disabled,
  onChange,
}: {
  images: string[];
  placed: Placement[];
  disabled: boolean;
  onChange: (placed: Placement[], announcement: string) => void;
}) {
  const ranks = placementRanks(placed);
  const rows = useRef(new Map<number, HTMLLIElement>());
  // The row moved by an arrow key keeps the focus once it has re-rendered at its new place.
  const focusNext = useRef<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    rows.current.get(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const change = (next: Placement[], slot: number, focus = false) => {
    if (disabled) return;
    onChange(next, placedAnnouncement(next, slot));
    if (focus) focusNext.current = slot;
  };
  const move = (index: number, to: number, focus = false) =>
    to >= 0 && to < placed.length && change(movePlacement(placed, index, to), placed[index].slot, focus);
  const drop = (event: DragEvent, at: number) => {
    event.preventDefault();
    event.stopPropagation();
    setOver(null);
    const slot = draggedSlot(event);
    if (slot === null || slot < 0 || slot >= images.length) return;
    // Onto a row: the image takes that row's place (the row moves towards where the image was).
    change(placeAt(placed, slot, at), slot);
  };
  const allowDrop = (event: DragEvent, index: number | null) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    setOver(index);
  };

  return (
    <ol
      aria-label="Your order, best first"
      data-testid="ranking-order"
      className="mt-3 min-h-16 space-y-1 rounded border border-dashed border-slate-300 p-2"
      onDragOver={(e) => allowDrop(e, placed.length)}
      onDragLeave={() => setOver(null)}
      onDrop={(e) => drop(e, placed.length)}
    >
      {placed.length === 0 && (
        <li className="p-2 text-sm text-slate-500">Drag images here, click them or press their numbers, best first.</li>
      )}
      {placed.map((p, i) => {
        const label = `Image ${p.slot + 1}, place ${i + 1}, rank ${ranks[i]}${p.tie ? ", tied with the one above" : ""}`;
        return (
          <li
            key={p.slot}
            ref={(el) => {
              if (el) rows.current.set(p.slot, el);
              else rows.current.delete(p.slot);
            }}
            tabIndex={0}
            draggable={!disabled}
            aria-label={label}
            aria-roledescription="draggable item"
            aria-keyshortcuts="ArrowUp ArrowDown"
            data-testid="ranking-order-row"
            onDragStart={(e) => startDrag(e, p.slot)}
            onDragOver={(e) => allowDrop(e, i)}
            onDrop={(e) => drop(e, i)}
            onKeyDown={(e) => {
              if (e.altKey || e.ctrlKey || e.metaKey) return;
              if (e.key === "ArrowUp") move(i, i - 1, true);
              else if (e.key === "ArrowDown") move(i, i + 1, true);
              else return;
              e.preventDefault();
            }}
            className={`flex cursor-grab items-center gap-2 rounded bg-white p-1 shadow-sm focus:outline-2 focus:outline-indigo-600 ${
              over === i ? "border-t-4 border-indigo-500" : ""
            }`}
          >
            <span className="w-10 text-center font-semibold tabular-nums" aria-hidden="true">
              {p.tie ? "=" : ""}#{ranks[i]}
            </span>
            <img src={images[p.slot]} alt="" className="h-12 w-12 rounded object-cover" draggable={false} />
            <span className="text-sm" aria-hidden="true">
              Image {p.slot + 1}
            </span>
            <span className="ml-auto flex gap-1 text-sm">
              <button
                type="button"
                className="rounded border px-2 disabled:opacity-40"
                disabled={disabled || i === 0}
                onClick={() => move(i, i - 1)}
                aria-label={`Move image ${p.slot + 1} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className="rounded border px-2 disabled:opacity-40"
                disabled={disabled || i === placed.length - 1}
                onClick={() => move(i, i + 1)}
                aria-label={`Move image ${p.slot + 1} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className="rounded border px-2 disabled:opacity-40 aria-pressed:bg-indigo-100"
                disabled={disabled || i === 0}
                aria-pressed={p.tie}
                onClick={() => change(toggleTie(placed, i), p.slot)}
                aria-label={`Tie image ${p.slot + 1} with the one above`}
              >
                =
              </button>
              <button
                type="button"
                className="rounded border px-2 disabled:opacity-40"
                disabled={disabled}
                onClick={() => change(removePlacement(placed, p.slot), p.slot)}
                aria-label={`Take image ${p.slot + 1} out of the order`}
              >
                ✕
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
