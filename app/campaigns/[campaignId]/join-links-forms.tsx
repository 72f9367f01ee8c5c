"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import { ActionFeedback, Field, fieldIssue, INPUT } from "../../components/form-parts";

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
  const issue = (field: string) => fieldIssue(state, field);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="New join link">
      <input type="hidden" name="campaignId" value={campaignId} />
      <Field label="Label">
        <input name="label" maxLength={100} placeholder="e.g. Prolific batch 1" className={INPUT.inline} />
      </Field>
      <Field label="Expires in (days)" error={issue("expiresInDays")}>
        <input name="expiresInDays" type="number" min={1} max={365} className={`${INPUT.inline} w-28`} />
      </Field>
      <Field label="Max annotators" error={issue("maxAnnotators")}>
        <input
          name="maxAnnotators"
          type="number"
          min={1}
          placeholder={String(defaultCap)}
          title={`Empty: ${defaultCap}`}
          className={`${INPUT.inline} w-28`}
        />
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        Create join link
      </button>
      <ActionFeedback state={state} className="text-sm" />
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
