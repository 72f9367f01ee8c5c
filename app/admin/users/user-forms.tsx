"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { ActionFeedback, Field, INPUT } from "../../components/form-parts";

type Action<T = undefined> = (previous: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>;

export function InviteForm({ action }: { action: Action<{ link: string }> }) {
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
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        Invite
      </button>
      <div className="basis-full">
        <ActionFeedback state={state} className="text-xs" />
        {state?.ok && state.data && (
          <input
            readOnly
            value={state.data.link}
            aria-label="Invitation link"
            data-testid="invite-link"
            className="mt-1 block w-full rounded border bg-slate-50 px-2 py-1 font-mono text-xs"
          />
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
  action: Action;
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

export function ActiveForm({
  action,
  userId,
  active,
  disabled,
}: {
  action: Action;
  userId: string;
  active: boolean;
  disabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button
        type="submit"
        disabled={disabled || pending}
        className="rounded border px-2 py-1 text-sm disabled:opacity-50"
      >
        {active ? "Deactivate" : "Reactivate"}
      </button>
      <ActionFeedback state={state} className="text-xs" />
    </form>
  );
}
