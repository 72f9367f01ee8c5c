"use client";
import { useEffect, useState } from "react";

export interface SubsetPreviewState {
  /** Prompts the subset selects; null while loading or when the spec is refused. */
  selected: number | null;
  /** One line for the researcher: the counts, or why the subset is refused. */
  text: string | null;
}

/**
 * The prompt count a subset selects from a set, asked of the server (POST
 * /api/prompt-sets/:id/preview-subset, the same sampling the campaign will freeze) whenever the
 * set or the subset changes, after a short pause so typing a number asks once.
 */
export function useSubsetPreview(promptSetId: string, subset: unknown): SubsetPreviewState {
  const [state, setState] = useState<SubsetPreviewState>({ selected: null, text: null });
  const key = JSON.stringify(subset);
  useEffect(() => {
    if (!promptSetId) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/prompt-sets/${promptSetId}/preview-subset`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: key,
          signal: controller.signal,
        });
        const body = await response.json();
        setState(
          response.ok
            ? {
                selected: body.preview.total.selected,
                text: `${body.preview.total.selected} of ${body.preview.total.available} prompts in ${body.preview.categories.length} categories`,
              }
            : { selected: null, text: body.detail ?? "Preview failed" },
        );
      } catch (error) {
        if (!controller.signal.aborted) setState({ selected: null, text: `Preview failed: ${String(error)}` });
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [promptSetId, key]);
  return state;
}
