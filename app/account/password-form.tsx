"use client";
import { useActionState } from "react";
import {
  ActionFeedback,
  Field,
  fieldIssue,
  HiddenFields,
  INPUT,
  SubmitButton,
  type FormAction,
} from "../components/form-parts";

/** New password + confirmation (and the current one when `withCurrent`), with field errors from the action. */
export function PasswordForm({
  action,
  withCurrent,
  hidden = {},
  submitLabel,
}: {
  action: FormAction;
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
      <HiddenFields values={hidden} />
      {withCurrent && password("current", "Current password", "current-password")}
      {password("password", "New password", "new-password", 10)}
      {password("confirm", "Repeat new password", "new-password")}
      <ActionFeedback state={state} />
      <SubmitButton busy={pending} className="w-full">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
