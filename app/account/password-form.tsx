"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { ActionFeedback, Field, fieldIssue, INPUT } from "../components/form-parts";

type Action = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

/** New password + confirmation (and the current one when `withCurrent`), with field errors from the action. */
export function PasswordForm({
  action,
  withCurrent,
  hidden = {},
  submitLabel,
}: {
  action: Action;
  withCurrent: boolean;
  hidden?: Record<string, string>;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const password = (name: string, label: string, autoComplete: string, minLength?: number) => (
    <Field label={label} error={fieldIssue(state, name)}>
      <input
        name={name}
        type="password"
        required
        minLength={minLength}
        autoComplete={autoComplete}
        className={INPUT.wide}
        aria-invalid={Boolean(fieldIssue(state, name))}
      />
    </Field>
  );
  return (
    <form action={formAction} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {withCurrent && password("current", "Current password", "current-password")}
      {password("password", "New password", "new-password", 10)}
      {password("confirm", "Repeat new password", "new-password")}
      <ActionFeedback state={state} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {submitLabel}
      </button>
    </form>
  );
}
