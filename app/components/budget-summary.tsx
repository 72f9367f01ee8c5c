import type { Budget } from "@/lib/campaigns/budget";

const n = (x: number) => x.toLocaleString("en-US");
const plural = (x: number, one: string, many = `${one}s`) => `${n(x)} ${x === 1 ? one : many}`;

/**
 * A campaign's budget before launch (lib/campaigns/budget.ts): pairs, judgments per criterion and
 * in total, annotators needed. No state, so the wizard (as it is edited) and the draft page (as
 * stored) render the same thing.
 */
export function BudgetSummary({
  budget,
  prompts,
  seedsPerPrompt,
  perAnnotatorCap,
}: {
  budget: Budget;
  /** Null while the prompt count is not known yet (the wizard's subset preview is loading). */
  prompts: number | null;
  seedsPerPrompt: number;
  perAnnotatorCap: number | null;
}) {
  if (prompts === null)
    return (
      <p className="text-sm text-slate-600" data-testid="budget">
        Budget: choose a prompt set and subset to see how many pairs and judgments this campaign needs.
      </p>
    );
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="budget">
      <dt className="font-medium">Pairs</dt>
      <dd data-testid="budget-pairs">
        {n(budget.pairs)} = {plural(prompts, "prompt")} × {plural(seedsPerPrompt, "seed")} ×{" "}
        {plural(budget.modelPairs, "model pair")}
      </dd>
      {budget.perCriterion.map((c) => (
        <div key={c.key} className="contents">
          <dt className="font-medium">{c.key}</dt>
          <dd>
            {n(budget.pairs)} pairs × {c.judgmentsPerPair} judgments per pair = {n(c.judgments)}
          </dd>
        </div>
      ))}
      <dt className="font-medium">Total</dt>
      <dd data-testid="budget-total">
        {plural(budget.totalJudgments, "judgment")} in {plural(budget.assignments, "assignment")} (one annotator on one
        pair)
        {budget.goldAssignments > 0 && `, plus about ${n(budget.goldAssignments)} on gold pairs`}
      </dd>
      <dt className="font-medium">Annotators</dt>
      <dd data-testid="budget-annotators">
        {budget.annotatorsAtCap === null
          ? `at least ${n(budget.minAnnotators)} (each pair needs that many distinct annotators); set a per-annotator cap to see how many at the cap`
          : `${n(budget.annotatorsAtCap)} at the cap of ${n(perAnnotatorCap ?? 0)} pairs each (at least ${n(budget.minAnnotators)}: each pair needs that many distinct annotators)`}
      </dd>
    </dl>
  );
}
