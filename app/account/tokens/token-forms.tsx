"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";

type Action<T = undefined> = (previous: ActionResult<T>, formData: FormData) => Promise<ActionResult<T>>;

const FIELD = "mt-1 block rounded border border-slate-300 px-2 py-1";

export function CreateApiTokenForm({ action }: { action: Action<{ token: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const issue = (field: string) =>
    state && !state.ok ? state.issues.find((i) => i.field === field)?.message : undefined;
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="New API token">
        <label className="block text-sm">
          <span className="font-medium">Name</span>
          <input name="name" maxLength={100} placeholder="e.g. training cluster" className={FIELD} />
        </label>
        <label className="block text-sm">
          <span className="font-medium">Scope</span>
          <select name="scope" defaultValue="read" className={FIELD}>
            <option value="read">read (campaigns, results, prompts, models)</option>
            <option value="write">write (also create, launch and edit)</option>
          </select>
          {issue("scope") && <span className="block text-xs text-red-700">{issue("scope")}</span>}
        </label>
        <label className="block text-sm">
          <span className="font-medium">Expires</span>
          <select name="expiresInDays" defaultValue="90" className={FIELD}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
        >
          Create token
        </button>
      </form>
      {state && (
        <div role={state.ok ? "status" : "alert"} className={state.ok ? "text-green-800" : "text-red-700"}>
          <p className="text-sm">{state.message}</p>
          {state.ok && state.data && (
            <input
              readOnly
              value={state.data.token}
              aria-label="New API token"
              data-testid="new-api-token"
              className="mt-1 block w-full rounded border bg-slate-50 px-2 py-1 font-mono text-sm"
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
        </div>
      )}
    </div>
  );
}

export function RevokeApiTokenForm({ action, tokenId }: { action: Action; tokenId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="tokenId" value={tokenId} />
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
