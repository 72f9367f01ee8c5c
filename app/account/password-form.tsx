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
  const issue = (field: string) => fieldIssue(state, field);
  return (
    <form action={formAction} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {withCurrent && (
        <Field label="Current password" error={issue("current")}>
          <input
            name="current"
            type="password"
            required
            autoComplete="current-password"
            className={INPUT.wide}
            aria-invalid={Boolean(issue("current"))}
          />
        </Field>
      )}
      <Field label="New password" error={issue("password")}>
        <input
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          className={INPUT.wide}
          aria-invalid={Boolean(issue("password"))}
        />
      </Field>
      <Field label="Repeat new password" error={issue("confirm")}>
        <input
          name="confirm"
          type="password"
          required
          autoComplete="new-password"
          className={INPUT.wide}
          aria-invalid={Boolean(issue("confirm"))}
        />
      </Field>
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
