import type { ReactNode } from "react";
import { MarkdownView } from "../../components/markdown-view";

/**
 * The top of an answer page (voting, rating, ranking): progress, the keys (`keys`, hidden on
 * phones), the instructions. It never grows: the voting page fits one screen below it.
 */
export function SessionHeader({
  done,
  total,
  keys,
  instructions,
}: {
  done: number;
  total: number;
  keys: ReactNode;
  instructions: string;
}) {
  return (
    <>
      <div className="mb-1 flex shrink-0 flex-wrap items-center justify-between gap-2 text-sm text-slate-600 md:mb-2">
        <p data-testid="progress" aria-live="polite">
          {done} of {total} done
        </p>
        <p className="hidden md:block">{keys}</p>
      </div>
      {instructions && (
        <details className="mb-1 shrink-0 text-sm text-slate-700 md:mb-2">
          <summary className="cursor-pointer">Instructions</summary>
          <MarkdownView source={instructions} className="mt-1 max-h-[40dvh] overflow-y-auto" />
        </details>
      )}
    </>
  );
}

/** The button that takes back the last answer sent (`what`: "answer", "order"); `z` does the same. */
export function UndoButton({ what, onUndo }: { what: string; onUndo: () => Promise<void> }) {
  return (
    <button type="button" onClick={() => void onUndo()} className="rounded border px-3 py-1" data-testid="undo">
      Undo last {what} <kbd className="text-xs">z</kbd>
    </button>
  );
}
