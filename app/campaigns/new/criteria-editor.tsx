"use client";
import type { CriterionSpec } from "@/lib/campaigns/emu-criteria";
import type { Choice } from "@/lib/generated/prisma/enums";
import { NumberField } from "./number-field";
import type { QuestionKind } from "./question-card";

const CHOICES: Choice[] = ["left", "right", "tie", "both", "neither"];

/** Emu's two criteria by default; each editable, custom ones may be added. */
export const CRITERIA: QuestionKind<CriterionSpec> = {
  legend: "Criteria",
  noun: "Criterion",
  settings: (c, edit) => (
    <NumberField
      label="Judgments per pair"
      min={1}
      max={50}
      inputClassName="w-16 rounded border p-1"
      value={c.judgmentsPerPair}
      onChange={(judgmentsPerPair) => edit({ judgmentsPerPair })}
    />
  ),
  extra: (c, edit) =>
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
    )),
  addLabel: "Add a criterion",
  added: (n) => ({
    key: `custom_${n}`,
    question: "",
    showPrompt: true,
    choices: ["left", "right", "tie"],
    judgmentsPerPair: 3,
  }),
};
