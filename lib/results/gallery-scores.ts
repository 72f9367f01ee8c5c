/** One criterion's analysed votes on one pair: for model A, for model B, ties. */
export interface CriterionTally {
  criterionId: string;
  a: number;
  b: number;
  t: number;
}

/**
 * How much a pair's annotators disagreed, and how decisive they were, comparing votes only within
 * one criterion (a visual-appeal vote says nothing against a text-faithfulness vote on the same pair):
 *   disagreement = Σ_c (n_c − max(a_c, b_c, t_c)) / Σ_c n_c — the share of votes that differ from
 *     their own criterion's most common answer (0 = every criterion unanimous);
 *   decisiveness = Σ_c |a_c − b_c| / Σ_c n_c — 1 = every criterion unanimous and decisive, 0 = split or all ties.
 * With one criterion these are 1 − top share and |a − b|/n. Complexity: O(criteria).
 */
export function pairScores(tallies: readonly CriterionTally[]): {
  votes: number;
  disagreement: number;
  decisiveness: number;
} {
  let votes = 0,
    off = 0,
    margin = 0;
  for (const { a, b, t } of tallies) {
    votes += a + b + t;
    off += a + b + t - Math.max(a, b, t);
    margin += Math.abs(a - b);
  }
  return votes === 0
    ? { votes: 0, disagreement: 0, decisiveness: 0 }
    : { votes, disagreement: off / votes, decisiveness: margin / votes };
}
