"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";

type Action<T = undefined> = (previous: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>;

function Feedback({ state }: { state: ActionResult<unknown> }) {
  if (!state) return null;
  return (
    <span role={state.ok ? "status" : "alert"} className={`text-xs ${state.ok ? "text-green-700" : "text-red-700"}`}>
      {state.message}
    </span>
  );
}

export function InviteForm({ action }: { action: Action<{ link: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form
      action={formAction}
      className="flex flex-wrap items-end gap-3 rounded bg-white p-4 shadow"
      aria-label="Invite a researcher"
    >
      <label className="block">
        <span className="text-sm font-medium">E-mail</span>
        <input name="email" type="email" required className="mt-1 block rounded border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Name</span>
        <input name="name" className="mt-1 block rounded border border-slate-300 px-3 py-1.5" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Role</span>
        <select
          name="role"
          defaultValue="researcher"
          className="mt-1 block rounded border border-slate-300 px-3 py-1.5"
        >
          <option value="researcher">researcher</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        Invite
      </button>
      <div className="basis-full">
        <Feedback state={state} />
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
      <Feedback state={state} />
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
      <Feedback state={state} />
    </form>
  );
}
