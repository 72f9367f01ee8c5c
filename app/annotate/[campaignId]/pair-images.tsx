"use client";
import { useRef, useState } from "react";

/**
 * Both images as large as the window allows: side by side from tablet width, stacked on a
 * phone. Clicking (or Enter on) an image opens it full size in a modal dialog; Escape closes it.
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
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {(
          [
            ["left", left],
            ["right", right],
          ] as const
        ).map(([side, src]) => (
          <figure key={side} className="rounded bg-white p-2 shadow">
            <img
              src={src}
              alt={`${side === "left" ? "Left" : "Right"} image`}
              onClick={() => open(src, side)}
              className="mx-auto max-h-[calc(100vh-20rem)] min-h-48 w-full cursor-zoom-in object-contain"
            />
            <figcaption className="mt-1 flex justify-center gap-3 text-sm text-slate-500">
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
