"use client";
import { useState } from "react";
import { PairImages } from "./pair-images";
import { useVoting } from "./use-voting";
import { AnswerBar, AnswerScreen, type AnswerPage } from "./session-header";
import { useAnswerScreen } from "./use-answer-screen";

const LABELS: Record<string, string> = { left: "Left", right: "Right", tie: "Tie", both: "Both", neither: "Neither" };
const ARROW_OF: Record<string, string> = { left: "←", right: "→", tie: "↓" };
const ARROW_KEY: Record<string, string> = { left: "ArrowLeft", right: "ArrowRight", tie: "ArrowDown" };
const CHOICE_OF_ARROW: Record<string, string> = { ArrowLeft: "left", ArrowRight: "right", ArrowDown: "tie" };
const BREAK_EVERY_MS = 20 * 60_000;

export function VotingApp(page: AnswerPage) {
  const session = useVoting(page.campaignId);
  const { view, answers, error, busy, last, answer, undo } = session;
  // The break reminder runs on the screen's clock, from the page's start or the last "Continue".
  const [breakFrom, setBreakFrom] = useState(() => Date.now());
  const { now, undoNow, heading } = useAnswerScreen({
    last,
    screenKey: view ? `${view.assignmentId}:${view.criteria[0]?.id}` : "",
    undo: { run: undo, keys: ["z", "Backspace"] },
    onKey: (event) => {
      const open = view?.criteria.find((c) => !answers[c.id]);
      if (!open) return false;
      const byDigit = /^[1-5]$/.test(event.key) ? open.choices[Number(event.key) - 1] : undefined;
      const arrow = CHOICE_OF_ARROW[event.key];
      const choice = byDigit ?? (arrow && open.choices.includes(arrow) ? arrow : undefined);
      if (!choice) return false;
      void answer(open.id, choice);
      return true;
    },
  });
  const breakDue = now - breakFrom > BREAK_EVERY_MS;

  // The prompt once, with the first question on screen that asks about it.
  const promptWith = view?.criteria.find((c) => c.showPrompt)?.id;

  // One screen, no scrolling, on a phone as on a desktop: the images take what the questions
  // and buttons leave of the window's height.
  return (
    <AnswerScreen
      label="Pair to judge"
      className="flex h-[calc(100dvh-1rem)] flex-col md:h-[calc(100dvh-2rem)]"
      keys={(view) => (
        <>
          Keys: <kbd>1</kbd>–<kbd>{Math.max(...view.criteria.map((c) => c.choices.length))}</kbd> or <kbd>←</kbd>{" "}
          <kbd>→</kbd> <kbd>↓</kbd> to answer, <kbd>z</kbd> to undo. Click an image to zoom.
        </>
      )}
      page={page}
      session={session}
      bar={<AnswerBar what="answer" onUndo={undoNow} error={error} />}
    >
      {(view) => (
        <>
          {breakDue && (
            <div
              role="status"
              className="mb-2 flex shrink-0 items-center justify-between rounded bg-amber-50 p-2 text-amber-900"
            >
              You have been at it for a while — a short break keeps your judgments sharp.
              <button type="button" className="underline" onClick={() => setBreakFrom(Date.now())}>
                Continue
              </button>
            </div>
          )}
          <PairImages left={view.images.left} right={view.images.right} />
          {view.criteria.map((criterion, index) => (
            <fieldset
              key={criterion.id}
              className="mt-2 shrink-0 rounded bg-white p-3 shadow md:mt-3 md:p-4"
              disabled={busy || Boolean(answers[criterion.id])}
            >
              <legend className="font-medium">
                {view.questions.of > 1 && (
                  <span className="block text-xs font-normal text-slate-500" data-testid="question-number">
                    Question {view.questions.first + index} of {view.questions.of}
                  </span>
                )}
                <h2 ref={index === 0 ? heading : undefined} tabIndex={-1} className="outline-none">
                  {criterion.question}
                </h2>
              </legend>
              {criterion.id === promptWith && view.prompt && (
                <p className="mt-1 text-slate-800 md:text-lg" data-testid="prompt-text">
                  “{view.prompt}”
                </p>
              )}
              <div className="mt-2 flex flex-wrap gap-2 md:mt-3">
                {criterion.choices.map((choice, i) => (
                  <button
                    key={choice}
                    type="button"
                    onClick={() => void answer(criterion.id, choice)}
                    aria-pressed={answers[criterion.id] === choice}
                    aria-keyshortcuts={[String(i + 1), ARROW_KEY[choice]].filter(Boolean).join(" ")}
                    className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-2 hover:bg-indigo-50 focus:outline-2 focus:outline-indigo-600 aria-pressed:bg-indigo-600 aria-pressed:text-white md:min-w-24 md:flex-none md:px-4"
                  >
                    {LABELS[choice]}{" "}
                    <kbd className="ml-1 hidden text-xs opacity-70 md:inline" aria-hidden="true">
                      {i + 1}
                      {ARROW_OF[choice] ? ` / ${ARROW_OF[choice]}` : ""}
                    </kbd>
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
