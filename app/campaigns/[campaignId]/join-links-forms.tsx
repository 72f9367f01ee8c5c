"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/access/action-result";

type Action = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

export function CreateJoinLinkForm({
  action,
  campaignId,
  defaultCap,
}: {
  action: Action;
  campaignId: string;
  /** The cap a link gets when this field is left empty (JOIN_LINK_DEFAULT_CAP). */
  defaultCap: number;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const issue = (field: string) =>
    state && !state.ok ? state.issues.find((i) => i.field === field)?.message : undefined;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="New join link">
      <input type="hidden" name="campaignId" value={campaignId} />
      <label className="block text-sm">
        <span className="font-medium">Label</span>
        <input
          name="label"
          maxLength={100}
          placeholder="e.g. Prolific batch 1"
          className="mt-1 block rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <label className="block text-sm">
        <span className="font-medium">Expires in (days)</span>
        <input
          name="expiresInDays"
          type="number"
          min={1}
          max={365}
          className="mt-1 block w-28 rounded border border-slate-300 px-2 py-1"
        />
        {issue("expiresInDays") && <span className="block text-xs text-red-700">{issue("expiresInDays")}</span>}
      </label>
      <label className="block text-sm">
        <span className="font-medium">Max annotators</span>
        <input
          name="maxAnnotators"
          type="number"
          min={1}
          placeholder={String(defaultCap)}
          title={`Empty: ${defaultCap}`}
          className="mt-1 block w-28 rounded border border-slate-300 px-2 py-1"
        />
        {issue("maxAnnotators") && <span className="block text-xs text-red-700">{issue("maxAnnotators")}</span>}
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        Create join link
      </button>
      {state && (
        <span
          role={state.ok ? "status" : "alert"}
          className={`text-sm ${state.ok ? "text-green-700" : "text-red-700"}`}
        >
          {state.message}
        </span>
      )}
    </form>
  );
}

export function RevokeJoinLinkForm({
  action,
  campaignId,
  linkId,
}: {
  action: Action;
  campaignId: string;
  linkId: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="linkId" value={linkId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded border px-2 py-0.5 text-xs text-red-700 disabled:opacity-50"
      >
        Revoke
      </button>
      {state && !state.ok && <span className="ml-1 text-xs text-red-700">{state.message}</span>}
    </form>
  );
}
