"use client";
import { useRef, useState } from "react";

/**
 * Both images side by side, as large as the height the voting page leaves them (the page is one
 * window high, so on a phone they scale down rather than push the question below the fold).
 * Clicking (or Enter on) an image opens it full size in a modal dialog; Escape closes it.
 */
export function PairImages({ left, right }: { left: string; right: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [zoomed, setZoomed] = useState<{ src: string; side: string } | null>(null);
  const open = (src: string, side: string) => {
    setZoomed({ src, side });
    dialog.current?.showModal();
  };
  return (
    <>
      <div className="grid min-h-32 flex-1 grid-cols-2 grid-rows-[minmax(0,1fr)] gap-2 md:gap-3">
        {(
          [
            ["left", left],
            ["right", right],
          ] as const
        ).map(([side, src]) => (
          <figure key={side} className="flex min-h-0 flex-col rounded bg-white p-1 shadow md:p-2">
            <img
              src={src}
              alt={`${side === "left" ? "Left" : "Right"} image`}
              onClick={() => open(src, side)}
              className="min-h-0 w-full flex-1 cursor-zoom-in object-contain"
            />
            <figcaption className="mt-1 flex shrink-0 justify-center gap-3 text-xs text-slate-500 md:text-sm">
              {side === "left" ? "Left" : "Right"}
              <button type="button" className="underline" onClick={() => open(src, side)}>
                Zoom<span className="sr-only"> the {side} image</span>
              </button>
            </figcaption>
          </figure>
        ))}
      </div>
      <dialog
        ref={dialog}
        className="m-auto max-h-screen max-w-screen bg-black/90 p-2 backdrop:bg-black/70"
        onClose={() => setZoomed(null)}
        aria-label="Zoomed image"
      >
        {zoomed && (
          <img
            src={zoomed.src}
            alt={`${zoomed.side} image, full size`}
            className="max-h-[92vh] max-w-[96vw] object-contain"
          />
        )}
        <form method="dialog" className="text-center">
          <button className="mt-1 rounded bg-white px-3 py-1" autoFocus>
            Close (Esc)
          </button>
        </form>
      </dialog>
    </>
  );
}
