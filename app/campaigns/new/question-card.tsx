import type { ReactNode } from "react";

/** What every question of a campaign has, whatever the task type: a key, the question, the prompt shown or not. */
export interface QuestionFields {
  key: string;
  question: string;
  showPrompt: boolean;
}

/**
 * One question in the wizard's editors (criteria, aspects): its question and key, the task type's
 * own `settings` (before the prompt checkbox) and `extra` (after it), and a Remove button.
 */
export function QuestionCard({
  label,
  spec,
  edit,
  onRemove,
  settings,
  extra,
}: {
  label: string;
  spec: QuestionFields;
  edit: (patch: Partial<QuestionFields>) => void;
  onRemove: () => void;
  settings: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="rounded border p-3" role="group" aria-label={label}>
      <label className="block">
        Question{" "}
        <input
          className="mt-1 w-full rounded border p-1"
          value={spec.question}
          onChange={(e) => edit({ question: e.target.value })}
        />
      </label>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <label>
          Key <input className="rounded border p-1" value={spec.key} onChange={(e) => edit({ key: e.target.value })} />
        </label>
        {settings}
        <label>
          <input type="checkbox" checked={spec.showPrompt} onChange={(e) => edit({ showPrompt: e.target.checked })} />{" "}
          show the prompt
        </label>
        {extra}
        <button type="button" className="text-red-700 underline" onClick={onRemove}>
          Remove
        </button>
      </div>
    </div>
  );
}
