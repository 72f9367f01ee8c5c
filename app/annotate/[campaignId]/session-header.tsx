import type { ReactNode } from "react";
import { ErrorText } from "../../components/form-parts";
import { MarkdownView } from "../../components/markdown-view";
import { SessionStopPanel, type SessionStop } from "./session-stop";

/** What the annotate page gives each answer page (voting, rating, ranking, curation). */
export type AnswerPage = { campaignId: string; instructions: string };

/**
 * An answer page's frame: the session's end once it has one (SessionStopPanel), "Loading…" (or the
 * load's error) until the first view comes, then a section (`label`, `className`) with the
 * SessionHeader (its `keys` may read the view) above what `children` make of the view on screen
 * and, last, the page's AnswerBar (`bar`; curation keeps its own in its column beside the rubric).
 */
export function AnswerScreen<V extends { progress: { total: number } }>({
  label,
  className,
  keys,
  page: { campaignId, instructions },
  session: { view, stop, done, error },
  bar,
  children,
}: {
  label: string;
  className?: string;
  keys: ReactNode | ((view: V) => ReactNode);
  page: AnswerPage;
  session: { view: V | null; stop: SessionStop | null; done: number; error: string | null };
  bar?: ReactNode;
  children: (view: V) => ReactNode;
}) {
  if (stop) return <SessionStopPanel stop={stop} campaignId={campaignId} />;
  if (!view) return <p aria-live="polite">{error ?? "Loading…"}</p>;
  return (
    <section aria-label={label} className={className}>
      <SessionHeader
        done={done}
        total={view.progress.total}
        keys={typeof keys === "function" ? keys(view) : keys}
        instructions={instructions}
      />
      {children(view)}
      {bar}
    </section>
  );
}

/**
 * The top of an answer page (voting, rating, ranking, curation): progress, the keys (`keys`, hidden on
 * phones), the instructions. It never grows: the voting page fits one screen below it.
 */
function SessionHeader({
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

/**
 * The bar under an answer page's questions: the page's own controls (`children`), Undo while the
 * last answer (`what`: "answer", "order") can still be taken back (`onUndo`; `z` does the same),
 * and the error of the last request.
 */
export function AnswerBar({
  what,
  onUndo,
  error,
  children,
}: {
  what: string;
  onUndo: (() => Promise<void>) | null;
  error: string | null;
  children?: ReactNode;
}) {
  return (
    <div className="mt-2 flex min-h-10 shrink-0 flex-wrap items-center gap-3 md:mt-3">
      {children}
      {onUndo && (
        <button type="button" onClick={() => void onUndo()} className="rounded border px-3 py-1" data-testid="undo">
          Undo last {what} <kbd className="text-xs">z</kbd>
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
