/**
 * Best-of-K rankings (issue 22): one annotator orders K images (2–6) of one prompt, ties allowed.
 */

export const MIN_RANKED = 2;
export const MAX_RANKED = 6;

/** One image in a ranking. */
export interface RankedItem {
  model: string;
  /** The image; rankings of the same images by several annotators are compared by Kendall's W. */
  imageId?: string;
  /** 1 = best; equal ranks are ties. Only the order matters ([1, 1, 3] and [1, 1, 2] are the same ranking). */
  rank: number;
}

export interface RankingRecord {
  /** The prompt: the cluster of every prompt bootstrap of rankings. */
  promptId: string;
  /** The images in display order: items[0] was shown in slot 1 (first / leftmost). */
  items: readonly RankedItem[];
  annotatorId?: string;
  category?: string;
}

/**
 * Throws unless every ranking has 2–6 items, non-empty ids and finite ranks; the message names the
 * ranking (1-based) and the field. Complexity: O(total items).
 */
export function checkRankings(rankings: readonly RankingRecord[]): void {
  rankings.forEach((r, n) => {
    const where = `ranking ${n + 1}`;
    if (typeof r.promptId !== "string" || r.promptId === "") throw new RangeError(`${where}: empty promptId`);
    if (!Array.isArray(r.items) || r.items.length < MIN_RANKED || r.items.length > MAX_RANKED)
      throw new RangeError(`${where}: needs ${MIN_RANKED}–${MAX_RANKED} items, got ${r.items?.length ?? 0}`);
    r.items.forEach((item, i) => {
      if (typeof item.model !== "string" || item.model === "")
        throw new RangeError(`${where}, item ${i + 1}: empty model`);
      if (!Number.isFinite(item.rank)) throw new RangeError(`${where}, item ${i + 1}: rank must be a number`);
    });
  });
}

/**
 * Groups of tied items, best first: tieGroups([2, 1, 2, 5]) = [[1], [0, 2], [3]] (item indices).
 * Complexity: O(K log K).
 */
export function tieGroups(ranks: readonly number[]): number[][] {
  const order = ranks.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);
  const groups: number[][] = [];
  for (const i of order) {
    const last = groups[groups.length - 1];
    if (last && ranks[last[0]] === ranks[i]) last.push(i);
    else groups.push([i]);
  }
  return groups;
}

/**
 * Mid-ranks 1..K of a ranking with ties (tied items share the mean of the places they occupy):
 * midRanks([2, 1, 2, 5]) = [2.5, 1, 2.5, 4]. The ranks Kendall's W and Friedman's test use.
 * Reference: Kendall & Babington Smith (1939); Siegel & Castellan (1988) §9.4. Complexity: O(K log K).
 */
export function midRanks(ranks: readonly number[]): number[] {
  const out = new Array<number>(ranks.length);
  let place = 1;
  for (const g of tieGroups(ranks)) {
    const mid = place + (g.length - 1) / 2;
    for (const i of g) out[i] = mid;
    place += g.length;
  }
  return out;
}
