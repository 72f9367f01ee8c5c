import { rawAgreement } from "./raw-agreement";
import { ratingsPerItem, type RatingTable } from "./rating-table";

/**
 * Fleiss' kappa for many raters and nominal categories.
 * Definition: κ = (P̄ − P̄ₑ) / (1 − P̄ₑ) with P̄ the mean per-item pair agreement (rawAgreement) and
 * P̄ₑ = Σ_c p_c², p_c = share of all ratings in category c. Items with fewer than two ratings are
 * left out; with an unequal number of ratings per item p_c pools all ratings (the usual
 * generalisation; with a constant number it is exactly Fleiss 1971).
 * Reference: Fleiss (1971), "Measuring nominal scale agreement among many raters",
 * Psychol. Bull. 76:378–382 (worked example: κ = 0.210).
 * Complexity: O(i·c). null when undefined (no item with two ratings, or P̄ₑ = 1: one category only).
 */
export function fleissKappa(table: RatingTable): number | null {
  const n = ratingsPerItem(table);
  const pBar = rawAgreement(table);
  if (pBar === null) return null;
  const p = new Array(table.categories.length).fill(0);
  let total = 0;
  table.counts.forEach((row, i) => {
    if (n[i] < 2) return;
    row.forEach((c, k) => (p[k] += c));
    total += n[i];
  });
  const pe = p.reduce((s, x) => s + (x / total) ** 2, 0);
  return pe < 1 ? (pBar - pe) / (1 - pe) : null;
}
