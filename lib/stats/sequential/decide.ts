import type { ConfidenceSequence } from "./win-rate-sequence";

/** What a stopping rule says about one comparison (A's win rate over B). */
export type ComparisonDecision = "winner_a" | "winner_b" | "no_difference" | "undecided" | "budget";

export interface DecisionOptions {
  /** Practical-equivalence margin δ on the win-rate scale (0.05 = "within 45–55 % is a tie"); 0 turns that rule off. */
  margin: number;
  /** True when the comparison's judgment or money budget is spent. */
  budgetReached?: boolean;
}

export interface ComparisonVerdict {
  decision: ComparisonDecision;
  /** One sentence for the live view, with the numbers behind the decision. */
  reason: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * Stopping rule for one comparison, read off its anytime-valid confidence sequence (so it may be
 * applied after every judgment): in this order,
 *  - winner_a when the sequence lies above ½ (lower > ½), winner_b when below (upper < ½);
 *  - no_difference when it lies inside (½ − δ, ½ + δ) (δ = margin > 0);
 *  - budget when the budget is reached without either;
 *  - undecided otherwise.
 * Error control: P(a wrong winner ever declared) ≤ α and P(no_difference declared while |p − ½| ≥ δ)
 * ≤ α, because both events need the sequence to miss the true p at some time (Ville's inequality).
 * Complexity: O(1).
 */
export function decideComparison(cs: ConfidenceSequence, options: DecisionOptions): ComparisonVerdict {
  const { margin, budgetReached = false } = options;
  if (!(margin >= 0 && margin < 0.5)) throw new RangeError(`margin must be in [0, 0.5), got ${margin}`);
  const level = `${(100 * (1 - cs.alpha)).toFixed(0)} % sequence`;
  const range = `[${pct(cs.lower)}, ${pct(cs.upper)}] after ${cs.n} prompts`;
  if (cs.lower > 0.5) return { decision: "winner_a", reason: `A wins: the ${level} ${range} lies above 50 %.` };
  if (cs.upper < 0.5) return { decision: "winner_b", reason: `B wins: the ${level} ${range} lies below 50 %.` };
  if (margin > 0 && cs.lower > 0.5 - margin && cs.upper < 0.5 + margin)
    return {
      decision: "no_difference",
      reason: `No practical difference: the ${level} ${range} lies inside 50 % ± ${pct(margin)}.`,
    };
  if (budgetReached)
    return { decision: "budget", reason: `Budget reached undecided: the ${level} ${range} still contains 50 %.` };
  return { decision: "undecided", reason: `Undecided: the ${level} ${range} contains 50 %.` };
}
