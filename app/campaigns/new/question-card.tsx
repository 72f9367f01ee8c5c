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

/**
 * A wizard editor's list of questions (criteria, aspects): a QuestionCard each (`noun` and its
 * number as label; the item's `settings` and `extra`), Remove on every card, and an Add button
 * (`addLabel`) appending `added(n)` as the n-th question. `children` stand above the cards.
 */
export function QuestionList<T extends QuestionFields>({
  legend,
  noun,
  items,
  onChange,
  settings,
  extra,
  added,
  addLabel,
  children,
}: {
  legend: string;
  noun: string;
  items: T[];
  onChange: (next: T[]) => void;
  settings: (item: T, edit: (patch: Partial<T>) => void) => ReactNode;
  extra?: (item: T, edit: (patch: Partial<T>) => void) => ReactNode;
  added: (n: number) => T;
  addLabel: string;
  children?: ReactNode;
}) {
  const editor = (i: number) => (patch: Partial<T>) =>
    onChange(items.map((item, j) => (i === j ? { ...item, ...patch } : item)));
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">{legend}</legend>
      {children}
      {items.map((item, i) => (
        <QuestionCard
          key={i}
          label={`${noun} ${i + 1}`}
          spec={item}
          // The card edits only the QuestionFields part of the item.
          edit={editor(i) as (patch: Partial<QuestionFields>) => void}
          onRemove={() => onChange(items.filter((_, j) => j !== i))}
          settings={settings(item, editor(i))}
          extra={extra?.(item, editor(i))}
        />
      ))}
      <button
        type="button"
        className="rounded border px-2 py-1 text-sm"
        onClick={() => onChange([...items, added(items.length + 1)])}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
