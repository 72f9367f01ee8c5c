"use client";
import { useActionState } from "react";
import { OneTimeSecret } from "../../components/action-forms";
import { ActionFeedback, Field, INPUT, SubmitButton, type FormAction } from "../../components/form-parts";

export function InviteForm({ action }: { action: FormAction<{ link: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-end gap-3 rounded bg-white p-4 shadow"
      aria-label="Invite a researcher"
    >
      <Field label="E-mail">
        <input name="email" type="email" required className={INPUT.inline} />
      </Field>
      <Field label="Name">
        <input name="name" className={INPUT.inline} />
      </Field>
      <Field label="Role">
        <select name="role" defaultValue="researcher" className={INPUT.inline}>
          <option value="researcher">researcher</option>
          <option value="admin">admin</option>
        </select>
      </Field>
      <SubmitButton busy={pending}>Invite</SubmitButton>
      <div className="basis-full">
        <ActionFeedback state={state} className="text-xs" />
        {state?.ok && state.data && (
          <OneTimeSecret value={state.data.link} label="Invitation link" testId="invite-link" />
        )}
      </div>
    </form>
  );
}

export function RoleForm({
  action,
  userId,
  role,
  disabled,
}: {
  action: FormAction;
  userId: string;
  role: string;
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <select
        name="role"
        defaultValue={role}
        disabled={disabled}
        aria-label="Role"
        className="rounded border border-slate-300 px-2 py-1 text-sm"
      >
        <option value="annotator">annotator</option>
        <option value="researcher">researcher</option>
        <option value="admin">admin</option>
      </select>
      <button
        type="submit"
        disabled={disabled || pending}
        className="rounded border px-2 py-1 text-sm disabled:opacity-50"
      >
        Set role
      </button>
      <ActionFeedback state={state} className="text-xs" />
    </form>
  );
}
