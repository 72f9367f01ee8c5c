"use client";
import { useActionState } from "react";
import { OneTimeSecret } from "../../components/action-forms";
import { ActionFeedback, Field, fieldIssue, INPUT, SubmitButton, type FormAction } from "../../components/form-parts";

export function CreateApiTokenForm({ action }: { action: FormAction<{ token: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="New API token">
        <Field label="Name" error={fieldIssue(state, "name")}>
          <input name="name" maxLength={100} placeholder="e.g. training cluster" className={INPUT.inline} />
        </Field>
        <Field label="Scope" htmlFor="token-scope" error={fieldIssue(state, "scope")}>
          <select id="token-scope" name="scope" defaultValue="read" className={INPUT.inline}>
            <option value="read">read (campaigns, results, prompts, models)</option>
            <option value="write">write (also create, launch and edit)</option>
          </select>
        </Field>
        <Field label="Expires" htmlFor="token-expires" error={fieldIssue(state, "expiresInDays")}>
          <select id="token-expires" name="expiresInDays" defaultValue="90" className={INPUT.inline}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="">never</option>
          </select>
        </Field>
        <SubmitButton busy={pending} small>
          Create token
        </SubmitButton>
      </form>
      <div>
        <ActionFeedback state={state} className="text-sm" />
        {state?.ok && state.data && (
          <OneTimeSecret value={state.data.token} label="New API token" testId="new-api-token" />
        )}
      </div>
    </div>
  );
}
