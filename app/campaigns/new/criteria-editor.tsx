"use client";
import type { CriterionSpec } from "@/lib/campaigns/emu-criteria";
import type { Choice } from "@/lib/generated/prisma/enums";
import { QuestionList } from "./question-card";

const CHOICES: Choice[] = ["left", "right", "tie", "both", "neither"];

/** Emu's two criteria by default; each editable, custom ones may be added. */
export function CriteriaEditor({
  criteria,
  onChange,
}: {
  criteria: CriterionSpec[];
  onChange: (next: CriterionSpec[]) => void;
}) {
  return (
    <QuestionList
      legend="Criteria"
      noun="Criterion"
      items={criteria}
      onChange={onChange}
      settings={(c, edit) => (
        <label>
          Judgments per pair{" "}
          <input
            type="number"
            min={1}
            max={50}
            className="w-16 rounded border p-1"
            value={c.judgmentsPerPair}
            onChange={(e) => edit({ judgmentsPerPair: Number(e.target.value) })}
          />
        </label>
      )}
      extra={(c, edit) =>
        CHOICES.map((choice) => (
          <label key={choice}>
            <input
              type="checkbox"
              checked={c.choices.includes(choice)}
              onChange={(e) =>
                edit({
                  choices: e.target.checked
                    ? CHOICES.filter((x) => x === choice || c.choices.includes(x))
                    : c.choices.filter((x) => x !== choice),
                })
              }
            />{" "}
            {choice}
          </label>
        ))
      }
      added={(n): CriterionSpec => ({
        key: `custom_${n}`,
        question: "",
        showPrompt: true,
        choices: ["left", "right", "tie"],
        judgmentsPerPair: 3,
      })}
      addLabel="Add a criterion"
    />
  );
}
