"use client";
import { useState } from "react";

/**
 * Copies `text` to the clipboard and says so. The Clipboard API needs a secure context (https or
 * localhost); elsewhere the text is copied through a hidden selection, and if that fails too the
 * button says to select the text by hand (it is always shown in full beside the button).
 */
export function CopyButton({ text, label = "Copy", what }: { text: string; label?: string; what: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = copyBySelection(text);
    }
    setState(ok ? "copied" : "failed");
    if (ok) setTimeout(() => setState("idle"), 2000);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={copy}
        aria-label={`${label} ${what}`}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-50"
      >
        {label}
      </button>
      <span role="status" className="text-xs text-slate-600">
        {state === "copied" ? "Copied" : state === "failed" ? "Select the text and copy it by hand" : ""}
      </span>
    </span>
  );
}

function copyBySelection(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
