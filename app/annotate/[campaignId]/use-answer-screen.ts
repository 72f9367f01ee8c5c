"use client";
import { useEffect, useRef, useState } from "react";

// Mirrors lib/judgments/undo-answer.ts UNDO_SECONDS (a client bundle cannot import server code).
const UNDO_SECONDS = 8;

/**
 * What the voting, rating and ranking pages share around their answers:
 * - a clock (`now`, every half second) and whether the last answer (`last`) can still be undone;
 * - focus on the screen's heading (`heading`) whenever `screenKey` changes (a new pair, image, set
 *   or question), so a screen reader announces it;
 * - the page's keys: `onKey` sees every key press outside a form field, an open dialog or a
 *   modified key (Alt, Ctrl, Meta), with whether undo is open, and returns true when it used the key
 *   (then the browser's own action is prevented). The latest `onKey` is called, so it may read the
 *   page's current state.
 */
export function useAnswerScreen({
  last,
  screenKey,
  onKey,
}: {
  last: { at: number } | null;
  screenKey: string;
  onKey: (event: KeyboardEvent, canUndo: boolean) => boolean;
}) {
  const [now, setNow] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);
  const keyHandler = useRef<(event: KeyboardEvent) => boolean>(() => false);
  const canUndo = last !== null && now - last.at < UNDO_SECONDS * 1000;

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (screenKey) heading.current?.focus({ preventScroll: true });
  }, [screenKey]);

  useEffect(() => {
    keyHandler.current = (event) => onKey(event, canUndo);
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

  return { now, canUndo, heading };
}

/** The undo keys of the voting and rating pages: `z` or Backspace. */
export const isUndoKey = (event: KeyboardEvent) => event.key === "z" || event.key === "Backspace";
