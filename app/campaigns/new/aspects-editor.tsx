"use client";
import { ASPECT_SCALES, heimAspects, type AspectSpec } from "@/lib/rating/aspect-spec";
import { QuestionCard } from "./question-card";

const SCALE_NAMES: Record<AspectSpec["scale"], string> = {
  likert5: "1–5",
  likert3: "1–3",
  "yes-no": "yes / no",
};

/**
 * A rating campaign's aspects (issue 22): HEIM's five as the ready template, each editable (key,
 * question, scale, prompt shown or hidden), custom ones may be added. Changing an aspect's scale
 * drops its own labels (the scale's default labels apply).
 */
export function AspectsEditor({
  aspects,
  onChange,
}: {
  aspects: AspectSpec[];
  onChange: (next: AspectSpec[]) => void;
}) {
  const edit = (i: number, patch: Partial<AspectSpec>) =>
    onChange(aspects.map((a, j) => (i === j ? { ...a, ...patch } : a)));
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">Aspects (each image is rated on every aspect)</legend>
      <button type="button" className="rounded border px-2 py-1 text-sm" onClick={() => onChange(heimAspects())}>
        Use HEIM&apos;s aspects
      </button>
      {aspects.map((a, i) => (
        <QuestionCard
          key={i}
          label={`Aspect ${i + 1}`}
          spec={a}
          edit={(patch) => edit(i, patch)}
          onRemove={() => onChange(aspects.filter((_, j) => j !== i))}
          settings={
            <label>
              Scale{" "}
              <select
                className="rounded border p-1"
                value={a.scale}
                onChange={(e) => edit(i, { scale: e.target.value as AspectSpec["scale"], labels: undefined })}
              >
                {ASPECT_SCALES.map((s) => (
                  <option key={s} value={s}>
                    {SCALE_NAMES[s]}
                  </option>
                ))}
              </select>
            </label>
          }
        />
      ))}
      <button
        type="button"
        className="rounded border px-2 py-1 text-sm"
        onClick={() =>
          onChange([
            ...aspects,
            { key: `aspect_${aspects.length + 1}`, question: "", showPrompt: true, scale: "likert5" },
          ])
        }
      >
        Add an aspect
      </button>
    </fieldset>
  );
}
