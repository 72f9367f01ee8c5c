import { FILL_POLICIES, type FillPolicy } from "@/lib/campaigns/campaign-spec";

/** How each fill policy reads to a researcher (the wizard's choice and the draft page's review). */
export const FILL_POLICY_TEXT: Record<FillPolicy, { label: string; help: string }> = {
  breadth_first: {
    label: "Breadth-first",
    help: "the least-judged pair next: every pair gets a first judgment before any gets a second (widest prompt coverage; agreement only once pairs have two)",
  },
  depth_first: {
    label: "Depth-first",
    help: "fill each pair to its judgments per criterion before opening a new one (complete pairs, majorities and agreement early; a budget cut short leaves fewer, complete pairs)",
  },
};

/** The wizard's fill-policy choice (lib/assignment/fill-policy.ts). */
export function FillPolicyField({ value, onChange }: { value: FillPolicy; onChange: (value: FillPolicy) => void }) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium">Which pair annotators get next</legend>
      {FILL_POLICIES.map((policy) => (
        <label key={policy} className="block">
          <input
            type="radio"
            name="fillPolicy"
            value={policy}
            checked={value === policy}
            onChange={() => onChange(policy)}
          />{" "}
          <span className="font-medium">{FILL_POLICY_TEXT[policy].label}</span>:{" "}
          <span className="text-sm text-slate-600">{FILL_POLICY_TEXT[policy].help}</span>
        </label>
      ))}
    </fieldset>
  );
}
