"use client";
import { useActionState } from "react";
import { SubmitButton } from "../components/form-parts";
import { registerModelAction, type RegisterModelState } from "./actions";

const KINDS = ["onnx-demo", "http", "import", "onnx-diffusion"];
const EXAMPLE = '{ "variant": "demo-smooth" }';

export function RegisterModelForm() {
  const [state, action, pending] = useActionState<RegisterModelState, FormData>(registerModelAction, {
    ok: false,
    message: "",
    issues: [],
  });
  return (
    <form action={action} className="space-y-3 rounded bg-white p-4 shadow" aria-label="Register a model">
      <h2 className="font-semibold">Register a model</h2>
      <div className="grid grid-cols-3 gap-3">
        <label className="block text-sm">
          Name
          <input name="name" required className="mt-1 w-full rounded border px-2 py-1" />
        </label>
        <label className="block text-sm">
          Version
          <input name="version" defaultValue="1" className="mt-1 w-full rounded border px-2 py-1" />
        </label>
        <label className="block text-sm">
          Adapter
          <select name="kind" className="mt-1 w-full rounded border px-2 py-1">
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm">
        Config (JSON)
        <textarea
          name="config"
          rows={4}
          defaultValue={EXAMPLE}
          className="mt-1 w-full rounded border px-2 py-1 font-mono text-xs"
        />
      </label>
      <label className="block text-sm">
        Default parameters (JSON, optional: steps, guidance, width, height, negativePrompt)
        <textarea name="defaultParams" rows={2} className="mt-1 w-full rounded border px-2 py-1 font-mono text-xs" />
      </label>
      <SubmitButton busy={pending}>Register</SubmitButton>
      {state.message && (
        <div role={state.ok ? "status" : "alert"} className={state.ok ? "text-green-700" : "text-red-700"}>
          <p>{state.message}</p>
          <ul className="list-disc pl-5 text-sm">
            {state.issues.map((i) => (
              <li key={`${i.field}:${i.message}`}>
                <code>{i.field}</code>: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
