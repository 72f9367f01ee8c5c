"use client";
import { ASPECT_SCALES, heimAspects, type AspectSpec } from "@/lib/rating/aspect-spec";
import type { QuestionKind } from "./question-card";

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
export const ASPECTS: QuestionKind<AspectSpec> = {
  legend: "Aspects (each image is rated on every aspect)",
  noun: "Aspect",
  template: { label: "Use HEIM's aspects", items: heimAspects },
  settings: (a, edit) => (
    <label>
      Scale{" "}
      <select
        className="rounded border p-1"
        value={a.scale}
        onChange={(e) => edit({ scale: e.target.value as AspectSpec["scale"], labels: undefined })}
      >
        {ASPECT_SCALES.map((s) => (
          <option key={s} value={s}>
            {SCALE_NAMES[s]}
          </option>
        ))}
      </select>
    </label>
  ),
  addLabel: "Add an aspect",
  added: (n) => ({ key: `aspect_${n}`, question: "", showPrompt: true, scale: "likert5" }),
};
