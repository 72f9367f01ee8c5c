import { groupBy } from "../group-by";

/**
 * Per-group breakdown: the records split by a group key (category, challenge, …), the same
 * statistic computed on each group. Records without a group (undefined or "") are left out;
 * groups come in sorted order, so output is deterministic whatever the input order.
 * Each group is analysed on its own (its own prompt bootstrap): differences between groups need
 * their own comparison (e.g. newcombeDifference), not a look at overlapping intervals.
 * Complexity: O(n + g log g) plus the cost of `compute` on each group.
 */
export function breakdown<T, R>(
  records: readonly T[],
  groupOf: (record: T) => string | undefined,
  compute: (group: T[], name: string) => R,
): { group: string; result: R }[] {
  const groups = groupBy(
    records.filter((r) => {
      const g = groupOf(r);
      return g !== undefined && g !== "";
    }),
    (r) => groupOf(r)!,
  );
  return [...groups.keys()].sort().map((group) => ({ group, result: compute(groups.get(group)!, group) }));
}
