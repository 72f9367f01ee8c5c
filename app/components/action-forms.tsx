"use client";
import { useActionState } from "react";
import { ActionFeedback, HiddenFields, type FormAction } from "./form-parts";

/**
 * A one-button form about one row of a table (revoke a token or a join link, deactivate a user):
 * the hidden fields name the row, and the action's answer shows beside the button.
 */
export function RowActionForm({
  action,
  hidden,
  label,
  disabled = false,
  destructive = false,
}: {
  action: FormAction;
  hidden: Record<string, string>;
  label: string;
  disabled?: boolean;
  /** Red, for an action that cannot be undone. */
  destructive?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <HiddenFields values={hidden} />
      <button
        type="submit"
        disabled={disabled || pending}
        className={`rounded border px-2 py-1 text-sm disabled:opacity-50 ${destructive ? "text-red-700" : ""}`}
      >
        {label}
      </button>
      <ActionFeedback state={state} className="text-xs" />
    </form>
  );
}

/** A secret the server shows once (a token, an invitation link), selected on focus for copying. */
export function OneTimeSecret({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <input
      readOnly
      value={value}
      aria-label={label}
      data-testid={testId}
      className="mt-1 block w-full rounded border bg-slate-50 px-2 py-1 font-mono text-sm"
      onFocus={(e) => e.currentTarget.select()}
    />
  );
}
