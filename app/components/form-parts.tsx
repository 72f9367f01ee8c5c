import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/http/action-result";

/** A text control that fills its form's column, and one that sits in a row of controls. */
export const INPUT = {
  wide: "mt-1 block w-full rounded border border-slate-300 px-3 py-2",
  inline: "mt-1 block rounded border border-slate-300 px-3 py-1.5",
} as const;

/** The message of a field the server action refused, if it refused this one. */
export function fieldIssue(state: ActionResult<unknown>, field: string): string | undefined {
  return state && !state.ok ? state.issues.find((i) => i.field === field)?.message : undefined;
}

/**
 * A labelled control: the label above, the control, and the field's error below it. The label
 * wraps the control, or, with `htmlFor` (the control's id), stands beside it: a select needs that,
 * since a wrapping label's name would take in the chosen option's text.
 */
export function Field({
  label,
  htmlFor,
  error,
  className,
  children,
}: {
  label: ReactNode;
  htmlFor?: string;
  error?: string;
  /** Extra classes of the field's box (its share of a row: "grow"). */
  className?: string;
  children: ReactNode;
}) {
  const box = className ? `block ${className}` : "block";
  const message = error && <span className="block text-sm text-red-700">{error}</span>;
  if (htmlFor)
    return (
      <div className={box}>
        <label htmlFor={htmlFor} className="text-sm font-medium">
          {label}
        </label>
        {children}
        {message}
      </div>
    );
  return (
    <label className={box}>
      <span className="text-sm font-medium">{label}</span>
      {children}
      {message}
    </label>
  );
}

/** A server action's answer: its message as a status (done) or an alert (refused). */
export function ActionFeedback({ state, className = "" }: { state: ActionResult<unknown>; className?: string }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`${className} ${state.ok ? "text-green-700" : "text-red-700"}`}>
      {state.message}
    </p>
  );
}

/** An error a client-side request met (shown until the next attempt). */
export function ErrorText({ error }: { error: string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-red-700">
      {error}
    </p>
  );
}
