import { ratingsPerItem, type RatingTable } from "./rating-table";

/**
 * Raw (percent) agreement: the share of agreeing rater pairs, averaged over items with at least
 * two ratings. Per item, Pᵢ = Σ_c nᵢc(nᵢc − 1) / (nᵢ(nᵢ − 1)).
 * Reference: Fleiss (1971), Psychol. Bull. 76:378–382, eq. (2) (the Pᵢ of Fleiss' kappa).
 * Complexity: O(i·c). Returns null when no item has two ratings.
 */
export function rawAgreement(table: RatingTable): number | null {
  const n = ratingsPerItem(table);
  let sum = 0,
    items = 0;
  table.counts.forEach((row, i) => {
    if (n[i] < 2) return;
    let agree = 0;
    for (const c of row) agree += c * (c - 1);
    sum += agree / (n[i] * (n[i] - 1));
    items++;
  });
  return items > 0 ? sum / items : null;
}
