import { flipWinner, majorityWinner } from "./aggregate";
import { quantileSorted } from "./quantile";
import type { Judgment, Winner } from "./types";

export interface AnnotatorQuality {
  annotatorId: string;
  judgments: number;
  /** Gold pairs answered and the share answered as the gold answer; null without gold pairs. */
  goldAnswered: number;
  goldAccuracy: number | null;
  /** Judgments on pairs with at least one other vote, and the share equal to the others' majority. */
  comparedWithOthers: number;
  agreementWithMajority: number | null;
  /** Median seconds per vote; null when no vote has a duration. */
  medianSeconds: number | null;
}

/**
 * Per-annotator quality figures.
 * - gold accuracy: share of gold pairs answered with the known answer;
 * - agreement with the leave-one-out majority: for each vote, the majority (majorityWinner) of the
 *   *other* votes on the same pair and criterion; an annotator whose votes rarely match it is
 *   careless or adversarial. Leaving the annotator out avoids rewarding them for their own vote.
 * - median seconds per vote (very fast voting is the classic crowd-work warning sign).
 * Reference: Dawid & Skene (1979) for the idea of per-annotator error; leave-one-out agreement as in
 * Snow et al. (2008), "Cheap and fast — but is it good?", EMNLP, §4.
 * Complexity: O(n·m) for n judgments and at most m votes per pair. Sorted by annotator id.
 */
export function annotatorQuality(judgments: readonly Judgment[]): AnnotatorQuality[] {
  const byPair = new Map<string, { j: Judgment; vote: Winner }[]>();
  for (const j of judgments) {
    const key = `${j.criterion ?? ""}\u0000${j.pairId}`;
    let list = byPair.get(key);
    if (!list) byPair.set(key, (list = []));
    // Orient every vote like the pair's first judgment so that swapped storage cannot look like disagreement.
    const ref = list[0]?.j ?? j;
    list.push({ j, vote: ref.modelA === j.modelA ? j.winner : flipWinner(j.winner) });
  }
  const acc = new Map<
    string,
    { n: number; gold: number; goldOk: number; cmp: number; agree: number; seconds: number[] }
  >();
  const get = (id: string) => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { n: 0, gold: 0, goldOk: 0, cmp: 0, agree: 0, seconds: [] }));
    return a;
  };
  for (const list of byPair.values()) {
    list.forEach(({ j, vote }, idx) => {
      if (j.annotatorId === undefined) return;
      const a = get(j.annotatorId);
      a.n++;
      if (j.goldWinner !== undefined) {
        a.gold++;
        if (j.winner === j.goldWinner) a.goldOk++;
      }
      if (j.seconds !== undefined && Number.isFinite(j.seconds)) a.seconds.push(j.seconds);
      if (list.length > 1) {
        a.cmp++;
        if (majorityWinner(list.filter((_, k) => k !== idx).map((x) => x.vote)) === vote) a.agree++;
      }
    });
  }
  return [...acc.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([annotatorId, a]) => ({
      annotatorId,
      judgments: a.n,
      goldAnswered: a.gold,
      goldAccuracy: a.gold > 0 ? a.goldOk / a.gold : null,
      comparedWithOthers: a.cmp,
      agreementWithMajority: a.cmp > 0 ? a.agree / a.cmp : null,
      medianSeconds: a.seconds.length > 0 ? quantileSorted(Float64Array.from(a.seconds).sort(), 0.5) : null,
    }));
}
