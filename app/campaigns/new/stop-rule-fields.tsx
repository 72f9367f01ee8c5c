"use client";
import type { CampaignSpecInput } from "@/lib/campaigns/campaign-spec";
import { WIZARD_INPUT } from "./number-field";

export type StopRuleInput = NonNullable<CampaignSpecInput["stopRule"]>;

/** The wizard's state for "stop when decided": off, or the rule with its fields as typed (empty = none). */
export interface StopRuleState {
  on: boolean;
  margin: string;
  alpha: string;
  judgmentBudget: string;
  moneyBudget: string;
  pricePerJudgment: string;
}

export const STOP_RULE_OFF: StopRuleState = {
  on: false,
  margin: "0.05",
  alpha: "0.05",
  judgmentBudget: "",
  moneyBudget: "",
  pricePerJudgment: "",
};

/**
 * The spec's `stopRule` from the wizard's fields; numbers as typed (the server checks them and
 * names a bad one, e.g. `stopRule.margin`), empty optional fields left out.
 */
export function stopRuleSpec(state: StopRuleState): StopRuleInput | undefined {
  if (!state.on) return undefined;
  const optional = (text: string) => (text.trim() === "" ? undefined : Number(text));
  return {
    margin: Number(state.margin),
    alpha: Number(state.alpha),
    judgmentBudget: optional(state.judgmentBudget),
    moneyBudget: optional(state.moneyBudget),
    pricePerJudgment: optional(state.pricePerJudgment),
  };
}

/** The rule's numeric fields, in the order the wizard shows them; optional ones read "none" when empty. */
const FIELDS: { key: Exclude<keyof StopRuleState, "on">; label: string; step?: string; optional?: boolean }[] = [
  { key: "margin", label: "Margin around 50% (no practical difference)", step: "0.01" },
  { key: "alpha", label: "Error level α", step: "0.01" },
  { key: "judgmentBudget", label: "Judgment budget", optional: true },
  { key: "moneyBudget", label: "Money budget", optional: true },
  { key: "pricePerJudgment", label: "Price per judgment", step: "0.01", optional: true },
];

/** "Stop when decided" in the campaign wizard (docs/API.md, `stopRule`). */
export function StopRuleFields({ value, onChange }: { value: StopRuleState; onChange: (next: StopRuleState) => void }) {
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium">When to stop</legend>
      <label className="block">
        <input type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} /> Stop
        when decided: a comparison stops receiving judgments once its anytime-valid sequence shows a winner or no
        practical difference, and the campaign closes itself when all are decided
      </label>
      {value.on && (
        <div className="grid grid-cols-3 gap-3">
          {FIELDS.map(({ key, label, step, optional }) => (
            <label key={key}>
              {label}
              <input
                className={WIZARD_INPUT}
                type="number"
                step={step}
                value={value[key]}
                onChange={(e) => onChange({ ...value, [key]: e.target.value })}
                placeholder={optional ? "none" : undefined}
              />
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
