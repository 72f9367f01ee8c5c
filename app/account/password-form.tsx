"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";

type Action = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

const FIELD = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

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
  const issue = (field: string) =>
    state && !state.ok ? state.issues.find((i) => i.field === field)?.message : undefined;
  return (
    <form action={formAction} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {withCurrent && (
        <label className="block">
          <span className="text-sm font-medium">Current password</span>
          <input
            name="current"
            type="password"
            required
            autoComplete="current-password"
            className={FIELD}
            aria-invalid={Boolean(issue("current"))}
          />
          {issue("current") && <span className="text-sm text-red-700">{issue("current")}</span>}
        </label>
      )}
      <label className="block">
        <span className="text-sm font-medium">New password</span>
        <input
          name="password"
          type="password"
          required
          minLength={10}
          autoComplete="new-password"
          className={FIELD}
          aria-invalid={Boolean(issue("password"))}
        />
        {issue("password") && <span className="text-sm text-red-700">{issue("password")}</span>}
      </label>
      <label className="block">
        <span className="text-sm font-medium">Repeat new password</span>
        <input
          name="confirm"
          type="password"
          required
          autoComplete="new-password"
          className={FIELD}
          aria-invalid={Boolean(issue("confirm"))}
        />
        {issue("confirm") && <span className="text-sm text-red-700">{issue("confirm")}</span>}
      </label>
      {state && (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-green-700" : "text-red-700"}>
          {state.message}
        </p>
      )}
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
