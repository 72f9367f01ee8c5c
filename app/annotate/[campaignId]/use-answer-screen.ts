"use client";
import { useEffect, useLayoutEffect, useRef, useState } from "react";

// Mirrors lib/judgments/undo-answer.ts UNDO_SECONDS (a client bundle cannot import server code).
const UNDO_SECONDS = 8;

/**
 * What the voting, rating and ranking pages share around their answers:
 * - Undo: `undoNow` is `undo.run` while the last answer (`last`) is within the undo window (a clock
 *   ticks every half second) and `undo.open` (default true), else null; any of `undo.keys` runs it;
 * - focus on the screen's heading (`heading`) whenever `screenKey` changes (a new pair, image, set
 *   or question), so a screen reader announces it;
 * - the page's keys: `onKey` sees every other key press outside a form field, an open dialog or a
 *   modified key (Alt, Ctrl, Meta) and returns true when it used the key (then the browser's own
 *   action is prevented). The latest `onKey` is called, so it may read the page's current state.
 */
export function useAnswerScreen({
  last,
  screenKey,
  undo,
  onKey,
}: {
  last: { at: number } | null;
  screenKey: string;
  undo: { run: () => Promise<void>; keys: string[]; open?: boolean };
  onKey: (event: KeyboardEvent) => boolean;
}) {
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const keyHandler = useRef<(event: KeyboardEvent) => boolean>(() => false);
  const undoNow = last !== null && now - last.at < UNDO_SECONDS * 1000 && undo.open !== false ? undo.run : null;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (screenKey) heading.current?.focus({ preventScroll: true });
  }, [screenKey]);

  // In the commit that shows a new screen, not after it: a key pressed as soon as it shows (the
  // next set, say) must reach the handler that knows it, not the previous screen's.
  useLayoutEffect(() => {
    keyHandler.current = (event) => {
      if (!undoNow || !undo.keys.includes(event.key)) return onKey(event);
      void undoNow();
      return true;
    };
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || document.querySelector("dialog[open]")) return;
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (keyHandler.current(event)) event.preventDefault();
    };
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  return { now, undoNow, heading };
}
