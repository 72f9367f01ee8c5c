import type { ReactNode } from "react";
import { patchAt } from "./patch-at";

const BUTTON = "rounded border px-2 py-1 text-sm";

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
 * One kind of question the wizard edits as a list (criteria, aspects): the list's `legend`, the
 * `noun` that labels each card, the item's own `settings` and `extra` on its card, the Add button's
 * `addLabel` and the n-th question it appends (`added(n)`), and a `template` the whole list may be
 * replaced with (its button stands above the cards).
 */
export interface QuestionKind<T extends QuestionFields> {
  legend: string;
  noun: string;
  settings: (item: T, edit: (patch: Partial<T>) => void) => ReactNode;
  extra?: (item: T, edit: (patch: Partial<T>) => void) => ReactNode;
  addLabel: string;
  added: (n: number) => T;
  template?: { label: string; items: () => T[] };
}

/** A wizard editor's list of questions of one kind: a QuestionCard each, Remove on every card, Add. */
export function QuestionList<T extends QuestionFields>({
  kind,
  items,
  onChange,
}: {
  kind: QuestionKind<T>;
  items: T[];
  onChange: (next: T[]) => void;
}) {
  const editor = (i: number) => (patch: Partial<T>) => onChange(patchAt(items, i, patch));
  const { template } = kind;
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">{kind.legend}</legend>
      {template && (
        <button type="button" className={BUTTON} onClick={() => onChange(template.items())}>
          {template.label}
        </button>
      )}
      {items.map((item, i) => (
        <QuestionCard
          key={i}
          label={`${kind.noun} ${i + 1}`}
          spec={item}
          // The card edits only the QuestionFields part of the item.
          edit={editor(i) as (patch: Partial<QuestionFields>) => void}
          onRemove={() => onChange(items.filter((_, j) => j !== i))}
          settings={kind.settings(item, editor(i))}
          extra={kind.extra?.(item, editor(i))}
        />
      ))}
      <button type="button" className={BUTTON} onClick={() => onChange([...items, kind.added(items.length + 1)])}>
        {kind.addLabel}
      </button>
    </fieldset>
  );
}
