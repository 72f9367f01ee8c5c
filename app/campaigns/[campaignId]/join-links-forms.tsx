"use client";
import { useActionState } from "react";
import { ActionFeedback, Field, fieldIssue, INPUT, SubmitButton, type FormAction } from "../../components/form-parts";

export function CreateJoinLinkForm({
  action,
  campaignId,
  defaultCap,
}: {
  action: FormAction;
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
      <SubmitButton busy={pending} small>
        Create join link
      </SubmitButton>
      <ActionFeedback state={state} className="text-sm" />
    </form>
  );
}
