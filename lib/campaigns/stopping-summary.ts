import "server-only";
import type { CampaignStatus } from "../db";
import type { SequentialFigures } from "../results/sequential-figures";
import { applyStoppingRule } from "./stopping-rule";
import { stopRuleOf } from "./stop-rule-spec";

/** What the live view shows about "stop when decided" and the adaptive design. */
export interface StoppingSummary {
  /** The campaign's status after the rule was applied (it may have closed the campaign just now). */
  status: CampaignStatus;
  /** The rule as the spec gives it; null when the campaign runs to its targets. */
  rule: {
    margin: number;
    alpha: number;
    judgmentBudget?: number;
    moneyBudget?: number;
    pricePerJudgment?: number;
  } | null;
  /** Why the rule closed the campaign; null when it did not. */
  stoppedReason: string | null;
  /** The owner continued the campaign after the rule closed it: the rule stops nothing any more. */
  overridden: boolean;
  /** Sequences, decisions and expected judgments per comparison (kept with the results); null when not computed. */
  figures: SequentialFigures | null;
}

type StopColumns = Parameters<typeof stopRuleOf>[0] & {
  id: string;
  status: CampaignStatus;
  stoppedReason: string | null;
  stopOverriddenAt: Date | null;
};

/**
 * The live view's stopping section, from the campaign row the summary read and the kept figures;
 * applies the rule on the way (writes only when a decision or a priority moved), so a campaign
 * whose figures say "all decided" closes on the next poll even when nobody is voting.
 */
export async function stoppingSummary(
  campaign: StopColumns,
  figures: SequentialFigures | null,
): Promise<StoppingSummary> {
  const closedNow = campaign.status === "annotating" && (await applyStoppingRule(campaign.id, figures));
  const rule = stopRuleOf(campaign);
  return {
    status: closedNow ? "completed" : campaign.status,
    rule: rule ? { ...rule, margin: campaign.stopMargin, alpha: campaign.stopAlpha } : null,
    stoppedReason: closedNow ? figures!.summary : campaign.stoppedReason,
    overridden: campaign.stopOverriddenAt !== null,
    figures,
  };
}
