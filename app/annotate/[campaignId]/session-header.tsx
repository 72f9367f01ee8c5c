import type { ReactNode } from "react";
import { MarkdownView } from "../../components/markdown-view";

/** The top of a rating or ranking page: progress, the keys (`keys`, hidden on phones), the instructions. */
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
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <p data-testid="progress" aria-live="polite">
          {done} of {total} done
        </p>
        <p className="hidden md:block">{keys}</p>
      </div>
      {instructions && (
        <details className="mb-2 text-sm text-slate-700">
          <summary className="cursor-pointer">Instructions</summary>
          <MarkdownView source={instructions} className="mt-1" />
        </details>
      )}
    </>
  );
}
