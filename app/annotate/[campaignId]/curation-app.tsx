"use client";
import type { CurationView } from "@/lib/curation/curation-view";
import { MarkdownView } from "../../components/markdown-view";
import { AnswerBar, AnswerScreen, type AnswerPage } from "./session-header";
import { useAnswerScreen } from "./use-answer-screen";
import { useItemSession } from "./use-item-session";

const imageOf = (view: CurationView) => [view.image];

const ANSWERS = [
  { key: "a", accept: true, label: "Accept", className: "border-emerald-600 text-emerald-800 hover:bg-emerald-50" },
  { key: "r", accept: false, label: "Reject", className: "border-rose-600 text-rose-800 hover:bg-rose-50" },
] as const;

/**
 * The curation page (issue 22): one image with its caption, the rubric beside it (Markdown), and
 * two answers — accept (`a`) or reject (`r`) — by click or key; `z` or Backspace undoes the last
 * answer within a few seconds. Blind: the page only knows the curation assignment's image URL.
 */
export function CurationApp({ rubric, ...page }: AnswerPage & { rubric: string }) {
  const session = useItemSession<CurationView>(page.campaignId, "curation", imageOf);
  const { view, error, busy, last, submit, undo } = session;
  const answer = async (accept: boolean) => {
    if (view && !busy) await submit({ accept }, true);
  };
  const { undoNow, heading } = useAnswerScreen({
    last,
    screenKey: view?.assignmentId ?? "",
    undo: { run: undo, keys: ["z", "Z", "Backspace"] },
    onKey: (event) => {
      const chosen = ANSWERS.find((a) => a.key === event.key.toLowerCase());
      if (!chosen) return false;
      void answer(chosen.accept);
      return true;
    },
  });

  return (
    <AnswerScreen
      label="Image to accept or reject"
      keys={
        <>
          Keys: <kbd>a</kbd> accept, <kbd>r</kbd> reject, <kbd>z</kbd> to undo.
        </>
      }
      page={page}
      session={session}
    >
      {(view) => (
        <div className="grid gap-3 md:grid-cols-[3fr_2fr]">
          <div>
            <figure className="rounded bg-white p-2 shadow">
              <img
                src={view.image}
                alt="Image to judge"
                className="mx-auto max-h-[calc(100vh-20rem)] min-h-48 w-full object-contain"
              />
              <figcaption className="mt-2 text-lg text-slate-800" data-testid="caption">
                “{view.caption}”
              </figcaption>
            </figure>
            <fieldset className="mt-3 rounded bg-white p-4 shadow" disabled={busy} data-testid="curation-question">
              <legend className="font-medium">
                <h2 ref={heading} tabIndex={-1} className="outline-none">
                  {view.question}
                </h2>
              </legend>
              {view.stage > 1 && (
                <p className="text-sm text-slate-600" data-testid="stage">
                  Expert review (stage {view.stage}): this image was kept by the first stage.
                </p>
              )}
              <div className="mt-3 flex flex-wrap gap-2">
                {ANSWERS.map((a) => (
                  <button
                    key={a.key}
                    type="button"
                    onClick={() => void answer(a.accept)}
                    aria-keyshortcuts={a.key}
                    className={`rounded border px-4 py-2 focus:outline-2 focus:outline-indigo-600 ${a.className}`}
                  >
                    <kbd className="mr-1 text-xs opacity-70" aria-hidden="true">
                      {a.key}
                    </kbd>
                    {a.label}
                  </button>
                ))}
              </div>
            </fieldset>
            <AnswerBar what="answer" onUndo={undoNow} error={error} />
          </div>
          <details open className="self-start rounded bg-white p-4 text-sm text-slate-700 shadow" data-testid="rubric">
            <summary className="cursor-pointer font-medium">Rubric</summary>
            <MarkdownView source={rubric} className="mt-2" />
          </details>
        </div>
      )}
    </AnswerScreen>
  );
}
