/** One label given by one rater to one item (long format). */
export interface Rating {
  item: string;
  rater: string;
  label: string;
}

/**
 * Items × categories count table: counts[i][c] = how many raters put item i in category c.
 * All agreement coefficients here need only these counts (which raters gave them does not
 * matter), and missing ratings simply make an item's row sum smaller.
 */
export interface RatingTable {
  items: string[];
  categories: string[];
  counts: number[][];
}

/**
 * Builds the count table from long-format ratings. Categories keep the given order (needed for
 * ordinal metrics) or, when none is given, sorted order. A rater rating the same item twice
 * counts once (the last label wins) — a duplicate vote would otherwise inflate agreement.
 * Throws on a label outside the given categories.
 * Complexity: O(r + i·c) for r ratings, i items, c categories.
 */
export function buildRatingTable(ratings: readonly Rating[], categories?: readonly string[]): RatingTable {
  const latest = new Map<string, Rating>();
  for (const r of ratings) latest.set(`${r.item}\u0000${r.rater}`, r);
  const cats = categories ? [...categories] : [...new Set(ratings.map((r) => r.label))].sort();
  const catIndex = new Map(cats.map((c, i) => [c, i]));
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  const counts: number[][] = [];
  for (const r of latest.values()) {
    const c = catIndex.get(r.label);
    if (c === undefined)
      throw new Error(`label "${r.label}" (item ${r.item}, rater ${r.rater}) is not one of: ${cats.join(", ")}`);
    let i = itemIndex.get(r.item);
    if (i === undefined) {
      i = items.length;
      itemIndex.set(r.item, i);
      items.push(r.item);
      counts.push(new Array(cats.length).fill(0));
    }
    counts[i][c]++;
  }
  return { items, categories: cats, counts };
}

/** Row sums (ratings per item). O(i·c). */
export function ratingsPerItem(table: RatingTable): number[] {
  return table.counts.map((row) => row.reduce((a, b) => a + b, 0));
}
