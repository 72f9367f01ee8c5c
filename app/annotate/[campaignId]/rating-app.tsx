"use client";
import { useCallback, useState } from "react";
import type { RatingView } from "@/lib/rating/rating-view";
import { AnswerBar, AnswerScreen, type AnswerPage } from "./session-header";
import { useItemSession } from "./use-item-session";
import { useAnswerScreen } from "./use-answer-screen";

const imageOf = (view: RatingView) => [view.image];

/**
 * The rating page (issue 22): one image, each aspect on screen as a row of buttons, one per scale
 * value, answered by click or by key (the digits of the scale, or y / n); keys answer the first
 * aspect still open. `z` or Backspace undoes the last answer within a few seconds. Blind: the page
 * only knows the rating assignment's image URL.
 */
export function RatingApp(page: AnswerPage) {
  const session = useItemSession<RatingView>(page.campaignId, "rating", imageOf);
  const { view, error, busy, last, submit, undo } = session;
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const viewId = view ? `${view.assignmentId}:${view.aspects.map((a) => a.id).join()}` : "";
  const [answersFor, setAnswersFor] = useState(viewId);
  if (answersFor !== viewId) {
    // A new image or the next aspects on screen: nothing answered there yet.
    setAnswersFor(viewId);
    setAnswers({});
  }
  const answer = useCallback(
    async (aspectId: string, value: number) => {
      if (!view || answers[aspectId] !== undefined) return;
      const next = { ...answers, [aspectId]: value };
      const screenDone = view.aspects.every((a) => next[a.id] !== undefined);
      if (await submit({ aspectId, value }, screenDone)) if (!screenDone) setAnswers(next);
    },
    [view, answers, submit],
  );
  const { undoNow, heading } = useAnswerScreen({
    last,
    screenKey: view ? `${view.assignmentId}:${view.aspects[0]?.id}` : "",
    undo: { run: undo, keys: ["z", "Backspace"] },
    onKey: (event) => {
      const open = view?.aspects.find((a) => answers[a.id] === undefined);
      const option = open?.options.find((o) => o.key === event.key.toLowerCase());
      if (!open || !option) return false;
      void answer(open.id, option.value);
      return true;
    },
  });

  return (
    <AnswerScreen
      label="Image to rate"
      keys={
        <>
          Keys: the number (or <kbd>y</kbd> / <kbd>n</kbd>) shown on each answer, <kbd>z</kbd> to undo.
        </>
      }
      page={page}
      session={session}
      bar={<AnswerBar what="answer" onUndo={undoNow} error={error} />}
    >
      {(view) => (
        <>
          <figure className="rounded bg-white p-2 shadow">
            <img
              src={view.image}
              alt="Image to rate"
              className="mx-auto max-h-[calc(100vh-24rem)] min-h-48 w-full object-contain"
            />
          </figure>
          {view.prompt && (
            <p className="mt-2 text-lg text-slate-800" data-testid="prompt-text">
              “{view.prompt}”
            </p>
          )}
          {view.aspects.map((aspect, index) => (
            <fieldset
              key={aspect.id}
              className="mt-3 rounded bg-white p-4 shadow"
              disabled={busy || answers[aspect.id] !== undefined}
              data-testid="aspect"
            >
              <legend className="font-medium">
                <h2 ref={index === 0 ? heading : undefined} tabIndex={-1} className="outline-none">
                  {aspect.question}
                </h2>
              </legend>
              <div className="mt-3 flex flex-wrap gap-2">
                {aspect.options.map((option) => (
                  <button
                    key={option.value}
                    type="button"
                    onClick={() => void answer(aspect.id, option.value)}
                    aria-pressed={answers[aspect.id] === option.value}
                    aria-keyshortcuts={option.key}
                    className="max-w-56 rounded border border-slate-300 px-3 py-2 text-left text-sm hover:bg-indigo-50 focus:outline-2 focus:outline-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white"
                  >
                    <kbd className="mr-1 text-xs opacity-70" aria-hidden="true">
                      {option.key}
                    </kbd>
                    {option.label}
                  </button>
                ))}
              </div>
            </fieldset>
          ))}
        </>
      )}
    </AnswerScreen>
  );
}
