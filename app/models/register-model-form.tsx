"use client";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionResult } from "@/lib/http/action-result";
import type { AdapterForm, ConfigField } from "@/lib/model-registry/config-form";
import { ActionFeedback, Field, INPUT, SubmitButton, fieldIssue } from "../components/form-parts";
import { registerModelAction } from "./actions";

/**
 * Registration as a form per adapter kind: the kind's config fields with their help, each error
 * under its field. The fields come from the kind's zod schema (lib/model-registry/config-form.ts);
 * "Advanced: config as JSON" takes anything the fields do not (merged over them).
 */
export function RegisterModelForm({ forms }: { forms: AdapterForm[] }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(registerModelAction, null);
  const [kind, setKind] = useState(forms[0].kind);
  const formRef = useRef<HTMLFormElement>(null);
  const form = forms.find((f) => f.kind === kind)!;
  // Submitted by hand rather than through `action`, so a refused form keeps what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const basic = form.fields.filter((f) => !f.tuning);
  const tuning = form.fields.filter((f) => f.tuning);
  const unplaced =
    state && !state.ok
      ? state.issues.filter(
          (i) => !/^(name|version|kind|defaultParams|configJson)$/.test(i.field) && !fieldOf(form.fields, i.field),
        )
      : [];

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      className="space-y-4 rounded bg-white p-4 shadow"
      aria-label="Register a model"
    >
      <h2 className="font-semibold">Register a model</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Name" error={fieldIssue(state, "name")}>
          <input name="name" required className={INPUT.wide} />
        </Field>
        <Field label="Version" error={fieldIssue(state, "version")}>
          <input name="version" defaultValue="1" className={INPUT.wide} />
        </Field>
        <Field label="Adapter" htmlFor="model-kind" error={fieldIssue(state, "kind")}>
          <select
            id="model-kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
            className={INPUT.wide}
          >
            {forms.map((f) => (
              <option key={f.kind}>{f.kind}</option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset key={kind} className="space-y-3" aria-label={`${kind} settings`}>
        {form.help && <p className="text-sm text-slate-600">{form.help}</p>}
        <ConfigInputs fields={basic} state={state} />
        {tuning.length > 0 && (
          <details className="rounded border p-3">
            <summary className="cursor-pointer text-sm font-medium">More settings (defaults shown)</summary>
            <ConfigInputs fields={tuning} state={state} className="mt-3" />
          </details>
        )}
      </fieldset>
      <details className="rounded border p-3">
        <summary className="cursor-pointer text-sm font-medium">Advanced: config as JSON, default parameters</summary>
        <div className="mt-3 space-y-3">
          <Field label="Config as JSON (merged over the fields above)" error={fieldIssue(state, "configJson")}>
            <textarea name="configJson" rows={4} className={`${INPUT.wide} font-mono text-xs`} />
          </Field>
          <Field
            label="Default parameters (JSON: steps, guidance, width, height, negativePrompt)"
            error={fieldIssue(state, "defaultParams")}
          >
            <textarea name="defaultParams" rows={2} className={`${INPUT.wide} font-mono text-xs`} />
          </Field>
        </div>
      </details>
      <SubmitButton busy={pending}>Register</SubmitButton>
      <ActionFeedback state={state} />
      {unplaced.length > 0 && (
        <ul className="list-disc pl-5 text-sm text-red-700">
          {unplaced.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              <code>{i.field}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

function ConfigInputs({
  fields,
  state,
  className = "",
}: {
  fields: ConfigField[];
  state: ActionResult;
  className?: string;
}) {
  return (
    <div className={`grid gap-3 md:grid-cols-2 ${className}`}>
      {fields.map((field) => (
        <ConfigInput key={field.name} field={field} error={fieldIssue(state, `config.${field.name}`)} state={state} />
      ))}
    </div>
  );
}

/** The form field an issue's path (`config.retries.max`) belongs to. */
function fieldOf(fields: ConfigField[], path: string): ConfigField | undefined {
  return fields.find((f) => path === `config.${f.name}` || path.startsWith(`config.${f.name}.`));
}

function ConfigInput({ field, error, state }: { field: ConfigField; error?: string; state: ActionResult }) {
  const name = `config.${field.name}`;
  const id = `model-${field.name}`;
  // A nested path (config.retries.max) is shown under its field.
  const nested =
    state && !state.ok ? state.issues.find((i) => i.field.startsWith(`${name}.`) && i.field !== name) : undefined;
  const message = error ?? (nested ? `${nested.field.slice(name.length + 1)}: ${nested.message}` : undefined);
  const label = (
    <>
      <code>{field.name}</code>
      {field.required && <span className="text-red-700"> *</span>}
    </>
  );
  const help = (
    <span id={`${id}-help`} className="mt-1 block text-xs text-slate-500">
      {field.help}
      {field.defaultValue !== undefined && field.input !== "checkbox" && ` (default ${field.defaultValue})`}
    </span>
  );
  const common = {
    id,
    name,
    "aria-describedby": `${id}-help`,
    "aria-invalid": message ? true : undefined,
  } as const;
  let control;
  if (field.input === "select") {
    control = (
      <select {...common} className={INPUT.wide} defaultValue={field.defaultValue ?? ""} required={field.required}>
        {!field.required && <option value="">{field.defaultValue === undefined ? "(none)" : "(default)"}</option>}
        {field.options!.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  } else if (field.input === "checkbox") {
    control = (
      <span className="mt-1 flex items-center gap-2">
        {/* Unchecked boxes post nothing: the hidden "false" goes first, a checked box's "true" after it. */}
        <input type="hidden" name={name} value="false" />
        <input {...common} type="checkbox" value="true" defaultChecked={field.defaultValue === "true"} />
      </span>
    );
  } else if (field.input === "json") {
    control = (
      <textarea
        {...common}
        rows={3}
        required={field.required}
        placeholder={field.defaultValue}
        className={`${INPUT.wide} font-mono text-xs`}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type={field.secret ? "password" : field.input === "number" ? "number" : "text"}
        autoComplete={field.secret ? "off" : undefined}
        step={field.input === "number" ? (field.integer ? 1 : "any") : undefined}
        min={field.min}
        max={field.max}
        required={field.required}
        placeholder={field.defaultValue}
        className={INPUT.wide}
      />
    );
  }
  return (
    <Field label={label} htmlFor={id} error={message}>
      {control}
      {help}
    </Field>
  );
}
