"use client";
import type { CriterionSpec } from "@/lib/campaigns/emu-criteria";
import type { Choice } from "@/lib/generated/prisma/enums";
import { QuestionCard } from "./question-card";

const CHOICES: Choice[] = ["left", "right", "tie", "both", "neither"];

/** Emu's two criteria by default; each editable, custom ones may be added. */
export function CriteriaEditor({
  criteria,
  onChange,
}: {
  criteria: CriterionSpec[];
  onChange: (next: CriterionSpec[]) => void;
}) {
  const edit = (i: number, patch: Partial<CriterionSpec>) =>
    onChange(criteria.map((c, j) => (i === j ? { ...c, ...patch } : c)));
  return (
    <fieldset className="space-y-3">
      <legend className="font-medium">Criteria</legend>
      {criteria.map((c, i) => (
        <QuestionCard
          key={i}
          label={`Criterion ${i + 1}`}
          spec={c}
          edit={(patch) => edit(i, patch)}
          onRemove={() => onChange(criteria.filter((_, j) => j !== i))}
          settings={
            <label>
              Judgments per pair{" "}
              <input
                type="number"
                min={1}
                max={50}
                className="w-16 rounded border p-1"
                value={c.judgmentsPerPair}
                onChange={(e) => edit(i, { judgmentsPerPair: Number(e.target.value) })}
              />
            </label>
          }
          extra={CHOICES.map((choice) => (
            <label key={choice}>
              <input
                type="checkbox"
                checked={c.choices.includes(choice)}
                onChange={(e) =>
                  edit(i, {
                    choices: e.target.checked
                      ? CHOICES.filter((x) => x === choice || c.choices.includes(x))
                      : c.choices.filter((x) => x !== choice),
                  })
                }
              />{" "}
              {choice}
            </label>
          ))}
        />
      ))}
      <button
        type="button"
        className="rounded border px-3 py-1"
        onClick={() =>
          onChange([
            ...criteria,
            {
              key: `custom_${criteria.length + 1}`,
              question: "",
              showPrompt: true,
              choices: ["left", "right", "tie"],
              judgmentsPerPair: 3,
            },
          ])
        }
      >
        Add a criterion
      </button>
    </fieldset>
  );
}
