"use client";
import type { CampaignSpecInput } from "@/lib/campaigns/campaign-spec";

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

const input = "mt-1 w-full rounded border border-slate-300 p-2";

/** "Stop when decided" in the campaign wizard (docs/API.md, `stopRule`). */
export function StopRuleFields({ value, onChange }: { value: StopRuleState; onChange: (next: StopRuleState) => void }) {
  const set = (key: keyof StopRuleState) => (e: React.ChangeEvent<HTMLInputElement>) =>
    onChange({ ...value, [key]: e.target.value });
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
          <label>
            Margin around 50% (no practical difference)
            <input className={input} type="number" step="0.01" value={value.margin} onChange={set("margin")} />
          </label>
          <label>
            Error level α
            <input className={input} type="number" step="0.01" value={value.alpha} onChange={set("alpha")} />
          </label>
          <label>
            Judgment budget
            <input
              className={input}
              type="number"
              value={value.judgmentBudget}
              onChange={set("judgmentBudget")}
              placeholder="none"
            />
          </label>
          <label>
            Money budget
            <input
              className={input}
              type="number"
              value={value.moneyBudget}
              onChange={set("moneyBudget")}
              placeholder="none"
            />
          </label>
          <label>
            Price per judgment
            <input
              className={input}
              type="number"
              step="0.01"
              value={value.pricePerJudgment}
              onChange={set("pricePerJudgment")}
              placeholder="none"
            />
          </label>
        </div>
      )}
    </fieldset>
  );
}
