import { z } from "zod";

/**
 * A campaign's "stop when decided" rule as a spec gives it (lib/campaigns/campaign-spec.ts): its
 * presence turns the rule on. Pure: no database, no server-only import.
 * - `margin`: the practical-equivalence band around 50 % (0.05: a win rate inside 45–55 % is "no
 *   practical difference"; 0 decides only winners);
 * - `alpha`: the sequences hold at every look with probability ≥ 1 − alpha (split over the model
 *   pairs when there are more than two models);
 * - `judgmentBudget`: stop once this many judgments are recorded;
 * - `moneyBudget` with `pricePerJudgment`: stop once the images' cost (pricePerImage) plus
 *   judgments × pricePerJudgment reaches it.
 */
export const stopRuleSchema = z
  .strictObject({
    margin: z.number().min(0).max(0.25, "at most 0.25 (a band of 25–75 %)").default(0.05),
    alpha: z.number().gt(0, "must be above 0").max(0.2, "at most 0.2").default(0.05),
    judgmentBudget: z.number().int().min(1).max(100_000_000).optional(),
    moneyBudget: z.number().gt(0, "must be above 0").max(1e9).optional(),
    pricePerJudgment: z.number().min(0).max(1e6).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.moneyBudget !== undefined && v.pricePerJudgment === undefined)
      ctx.addIssue({ code: "custom", path: ["pricePerJudgment"], message: "a money budget needs pricePerJudgment" });
  });

export type StopRuleSpec = z.output<typeof stopRuleSchema>;

/** The campaign columns a stop rule is stored in (absent rule: off, defaults kept). */
export function stopRuleColumns(rule: StopRuleSpec | undefined) {
  if (!rule) return { stopWhenDecided: false };
  return {
    stopWhenDecided: true,
    stopMargin: rule.margin,
    stopAlpha: rule.alpha,
    judgmentBudget: rule.judgmentBudget ?? null,
    moneyBudget: rule.moneyBudget ?? null,
    pricePerJudgment: rule.pricePerJudgment ?? null,
  };
}

/** The spec's stop rule from a campaign's columns (undefined when the rule is off). */
export function stopRuleOf(c: {
  stopWhenDecided: boolean;
  stopMargin: number;
  stopAlpha: number;
  judgmentBudget: number | null;
  moneyBudget: number | null;
  pricePerJudgment: number | null;
}): z.input<typeof stopRuleSchema> | undefined {
  if (!c.stopWhenDecided) return undefined;
  return {
    margin: c.stopMargin,
    alpha: c.stopAlpha,
    judgmentBudget: c.judgmentBudget ?? undefined,
    moneyBudget: c.moneyBudget ?? undefined,
    pricePerJudgment: c.pricePerJudgment ?? undefined,
  };
}
