import { quantileSorted } from "../quantile";
import type { Winner } from "../types";
import { binomialLowerTail } from "./binomial-tail";
import type { CrowdQualityRules } from "./rules";

/** One answer on one item (a pair under one criterion), oriented like the item's other answers. */
export interface ItemVote {
  annotatorId: string;
  vote: Winner;
}

export interface LooAgreementEvidence {
  /** Items with ≥ looMinOthers other votes, more than half of which give one answer. */
  items: number;
  /** Of those, the items where the annotator gave that answer. */
  agreed: number;
  rate: number | null;
  /** The crowd's typical rate: median over annotators with ≥ looMinItems items. */
  crowdRate: number | null;
  /** crowdRate − looMargin: the rate the one-sided test is against. */
  testedRate: number | null;
  /** P(X ≤ agreed) for X ~ Binomial(items, testedRate); null when not tested. */
  pValue: number | null;
}

/** The answer given by more than half of the votes ("A", "B" or "tie"), or null when none is. */
export function majorityAnswer(votes: readonly Winner[]): Winner | null {
  const n = { A: 0, B: 0, tie: 0 };
  for (const v of votes) n[v]++;
  for (const k of ["A", "B", "tie"] as const) if (2 * n[k] > votes.length) return k;
  return null;
}

/**
 * Agreement of each annotator with the leave-one-out majority, and its one-sided test against
 * the crowd's typical agreement. For every item with at least `looMinOthers` other votes, the
 * annotator agrees when their answer equals the others' majority, the answer of more than half
 * of them (majorityAnswer); items without one are skipped. A split crowd says little about who is
 * careless (the pair is hard or a matter of taste), while on a pair most others agree on an
 * attentive annotator is expected to agree too: the items act as gold pairs derived from the
 * crowd (Oleson et al. 2011), and a careless or adversarial annotator agrees with them far less
 * often than the rest of the crowd does.
 * Definition: rate = agreed/items; crowdRate = median of the rates of annotators with ≥
 * looMinItems items (the median, so a minority of bad annotators cannot drag the reference
 * down); pValue = P(Binomial(items, crowdRate − looMargin) ≤ agreed), exact (binomialLowerTail).
 * Votes on one item are treated as independent given the item, as in the test's binomial model.
 * Reference: Snow et al. (2008), "Cheap and fast — but is it good?", EMNLP, §4 (agreement with the
 * others as annotator quality); Oleson et al. (2011), "Programmatic gold: targeted and scalable
 * quality assurance in crowdsourcing", AAAI Workshop on Human Computation; Clopper & Pearson
 * (1934) for the exact binomial tail.
 * Complexity: O(Σ m²) over items with m votes, plus O(A log A) for A annotators.
 */
export function looAgreement(
  items: Iterable<readonly ItemVote[]>,
  rules: Pick<CrowdQualityRules, "looMinOthers" | "looMinItems" | "looMargin">,
): Map<string, LooAgreementEvidence> {
  return looAgreementFromCounts(looCounts(items, rules), rules);
}

/** Per annotator with at least one item: the items counted by looAgreement and those agreed with. */
export interface LooCounts {
  items: number;
  agreed: number;
}

/** looAgreement's counting step alone (the reduced results count the same in PostgreSQL). O(Σ m²). */
export function looCounts(
  items: Iterable<readonly ItemVote[]>,
  rules: Pick<CrowdQualityRules, "looMinOthers">,
): Map<string, LooCounts> {
  const counts = new Map<string, LooCounts>();
  for (const votes of items) {
    if (votes.length - 1 < rules.looMinOthers) continue;
    votes.forEach((v, i) => {
      const majority = majorityAnswer(votes.filter((_, k) => k !== i).map((o) => o.vote));
      if (majority === null) return;
      let c = counts.get(v.annotatorId);
      if (!c) counts.set(v.annotatorId, (c = { items: 0, agreed: 0 }));
      c.items++;
      if (v.vote === majority) c.agreed++;
    });
  }
  return counts;
}

/** looAgreement's evidence from its counts (annotators with no item left out of `counts`). O(A log A). */
export function looAgreementFromCounts(
  counts: ReadonlyMap<string, LooCounts>,
  rules: Pick<CrowdQualityRules, "looMinItems" | "looMargin">,
): Map<string, LooAgreementEvidence> {
  const rates = [...counts.values()].filter((c) => c.items >= rules.looMinItems).map((c) => c.agreed / c.items);
  const crowdRate = rates.length > 0 ? quantileSorted(Float64Array.from(rates).sort(), 0.5) : null;
  const testedRate = crowdRate === null ? null : Math.max(0, crowdRate - rules.looMargin);
  const out = new Map<string, LooAgreementEvidence>();
  for (const [annotatorId, c] of counts) {
    out.set(annotatorId, {
      items: c.items,
      agreed: c.agreed,
      rate: c.items > 0 ? c.agreed / c.items : null,
      crowdRate,
      testedRate,
      pValue:
        testedRate !== null && c.items >= rules.looMinItems ? binomialLowerTail(c.agreed, c.items, testedRate) : null,
    });
  }
  return out;
}

/** Evidence of an annotator without a single comparable item. */
export function emptyLooAgreement(crowdRate: number | null, testedRate: number | null): LooAgreementEvidence {
  return { items: 0, agreed: 0, rate: null, crowdRate, testedRate, pValue: null };
}

/** The flag rule (see CrowdQualityRules): significantly below the crowd's rate minus the margin. */
export function looAgreementFlag(e: LooAgreementEvidence, rules: CrowdQualityRules): boolean {
  return e.pValue !== null && e.pValue < rules.looAlpha;
}
