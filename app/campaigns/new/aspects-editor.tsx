"use client";
import { ASPECT_SCALES, heimAspects, type AspectSpec } from "@/lib/rating/aspect-spec";

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
        <div key={i} className="rounded border p-3" role="group" aria-label={`Aspect ${i + 1}`}>
          <label className="block">
            Question{" "}
            <input
              className="mt-1 w-full rounded border p-1"
              value={a.question}
              onChange={(e) => edit(i, { question: e.target.value })}
            />
          </label>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <label>
              Key{" "}
              <input className="rounded border p-1" value={a.key} onChange={(e) => edit(i, { key: e.target.value })} />
            </label>
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
            <label>
              <input
                type="checkbox"
                checked={a.showPrompt}
                onChange={(e) => edit(i, { showPrompt: e.target.checked })}
              />{" "}
              show the prompt
            </label>
            <button
              type="button"
              className="text-red-700 underline"
              onClick={() => onChange(aspects.filter((_, j) => j !== i))}
            >
              Remove
            </button>
          </div>
        </div>
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
