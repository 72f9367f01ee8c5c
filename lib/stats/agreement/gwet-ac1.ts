import { rawAgreement } from "./raw-agreement";
import { ratingsPerItem, type RatingTable } from "./rating-table";

/**
 * Gwet's AC1 for many raters, nominal categories, missing ratings allowed.
 * Definition: AC1 = (p_a − p_e) / (1 − p_e), p_a = mean pair agreement over items with ≥ 2
 * ratings (rawAgreement), p_e = 1/(Q − 1) · Σ_q π_q(1 − π_q), π_q = mean over items with ≥ 1 rating
 * of r_iq / r_i, Q = number of categories. Unlike kappa it does not collapse when one category
 * dominates (the "kappa paradox"), which is common for "tie"-heavy pairwise votes.
 * Reference: Gwet (2008), "Computing inter-rater reliability and its variance in the presence of
 * high agreement", Br. J. Math. Stat. Psychol. 61:29–48, eqs. 14–15; Gwet (2014), Handbook of
 * Inter-Rater Reliability, 4th ed., §4.2.
 * Complexity: O(i·c). null when undefined (Q < 2 or no item with two ratings).
 */
export function gwetAC1(table: RatingTable): number | null {
  const Q = table.categories.length;
  const pa = rawAgreement(table);
  if (pa === null || Q < 2) return null;
  const n = ratingsPerItem(table);
  const pi = new Array(Q).fill(0);
  let rated = 0;
  table.counts.forEach((row, i) => {
    if (n[i] < 1) return;
    rated++;
    row.forEach((c, q) => (pi[q] += c / n[i]));
  });
  const pe = pi.reduce((s, x) => s + (x / rated) * (1 - x / rated), 0) / (Q - 1);
  return pe < 1 ? (pa - pe) / (1 - pe) : null;
}
