import {
  decideComparison,
  expectedPromptsToDecision,
  leaderboardSequences,
  pairPriority,
  winRateConfidenceSequence,
  type ComparisonDecision,
  type ConfidenceSequence,
} from "../stats/sequential";
import type { CampaignData } from "./campaign-data";
import type { CampaignReduction } from "./reductions";

/**
 * The stopping rule's and the adaptive design's figures, from the results pipeline's one reduction
 * (lib/results/reductions.ts), kept with the rest of a campaign's results: what the live view shows
 * and what lib/campaigns/stopping-rule.ts writes for the lease engine. docs/STATISTICS.md
 * ("Sequential decisions") has the statistics; this file only says which outcomes go in.
 *
 * Per criterion and model pair, the per-prompt outcome is model A's score over that prompt's
 * analysed judgments of the pair (its seeds together): win 1, tie (tie, both, neither) ½, loss 0,
 * averaged. A prompt enters once every pair of it (every seed) holds the criterion's target of
 * judgments (those of excluded annotators count towards the target, not the score), in the order
 * the prompts were started (their first judgment): the lease engine serves prompts in a random
 * order (lib/assignment, LOCK_CANDIDATES_SEQUENTIAL), so that order is random, which the sequences
 * assume. Only the prefix of started prompts that are all complete is used, so each look sees the
 * previous look's outcomes plus new ones at the end. A comparison (model pair) is decided when
 * every criterion is (winner, no practical difference, or budget spent).
 */

export interface StopRuleSettings {
  stopWhenDecided: boolean;
  margin: number;
  alpha: number;
  judgmentBudget: number | null;
  moneyBudget: number | null;
  pricePerJudgment: number | null;
}

export interface SequentialCriterionRow {
  criterion: string;
  /** Prompts in the sequence (complete, in serving order). */
  prompts: number;
  /** The anytime-valid sequence for P(model A beats model B), ties half, now. */
  lower: number;
  upper: number;
  estimate: number;
  decision: ComparisonDecision;
  reason: string;
  /** Median further judgments (all criteria, every seed) until this criterion decides; 0 when decided, null when unknown. */
  expectedJudgments: number | null;
}

export interface SequentialComparison {
  modelAId: string;
  modelBId: string;
  modelA: string;
  modelB: string;
  /** Every criterion decided: the pair gets no new assignment while the rule applies. */
  decided: boolean;
  /** Allocation score (lib/stats/sequential pairPriority, the largest over undecided criteria; 0 when decided). */
  priority: number;
  criteria: SequentialCriterionRow[];
  /** Median further judgments until every criterion decides (the largest over criteria); null when unknown. */
  expectedJudgments: number | null;
}

export interface SequentialFigures {
  stopWhenDecided: boolean;
  margin: number;
  alpha: number;
  /** α of each comparison's sequence (α split over the comparisons). */
  comparisonAlpha: number;
  /** Judgments recorded (gold included) and money spent (images + judgments; null without a price). */
  judgments: number;
  spent: number | null;
  /** Set when a judgment or money budget is spent: why, in words. */
  budgetReached: string | null;
  comparisons: SequentialComparison[];
  allDecided: boolean;
  /** One sentence for the campaign page. */
  summary: string;
}

/** What the expected-judgments simulation runs (a guide for the live view, not a guarantee). */
const EXPECTED = { rounds: 40, maxPrompts: 1000, seed: 1 };

/**
 * The sequential figures of a campaign. `judgments`: every judgment recorded; `imageCost`: the
 * images' cost (null without prices). Complexity: O(C·(T·(G + 2B) + R·M)) for C criteria, T prompt
 * outcomes in all, G, B, R, M as in lib/stats/sequential; plus a Bradley–Terry fit per criterion.
 */
export function sequentialFigures(
  data: CampaignData,
  reduction: CampaignReduction,
  rule: StopRuleSettings,
  spend: { judgments: number; imageCost: number | null },
): SequentialFigures {
  const K = data.models.length;
  const modelIndex = new Map(data.models.map((name, i) => [name, i]));
  const outcomes = promptOutcomes(data, reduction, modelIndex);
  const pairKeys = [...new Set([...data.pairs.values()].filter((p) => !p.isGold).map((p) => keyOfPair(p, modelIndex)))]
    .filter((k): k is number => k !== null)
    .sort((x, y) => x - y);
  const m = Math.max(1, pairKeys.length);
  const allPairs = pairKeys.length === (K * (K - 1)) / 2;
  const comparisonAlpha = allPairs ? rule.alpha / ((K * (K - 1)) / 2) : rule.alpha / m;
  const spent =
    rule.pricePerJudgment === null ? null : round((spend.imageCost ?? 0) + spend.judgments * rule.pricePerJudgment);
  const budgetReached = budgetSentence(rule, spend.judgments, spent);
  const perPrompt = data.criteria.reduce((s, c) => s + c.judgmentsPerPair, 0) * data.campaign.seedsPerPrompt;

  const rows = new Map<number, SequentialCriterionRow[]>(pairKeys.map((k) => [k, []]));
  const priorities = new Map<number, number>(pairKeys.map((k) => [k, 0]));
  for (const criterion of data.criteria) {
    const byPair = outcomes.get(criterion.id) ?? new Map<number, number[]>();
    // All pairs of K models: one leaderboard (its order gives each pair's rank distance for the priority).
    const board = allPairs
      ? leaderboardSequences(
          K,
          pairKeys.map((k) => ({ a: Math.floor(k / K), b: k % K, outcomes: byPair.get(k) ?? [] })),
          { alpha: rule.alpha },
        )
      : null;
    for (const key of pairKeys) {
      const a = Math.floor(key / K),
        b = key % K;
      const seq = byPair.get(key) ?? [];
      let cs: ConfidenceSequence;
      let rankDistance = 1;
      const onBoard = board?.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
      if (board && onBoard) {
        cs = onBoard.a === a ? onBoard.cs : flip(onBoard.cs);
        rankDistance = Math.abs(board.rank[a] - board.rank[b]);
      } else cs = winRateConfidenceSequence(seq, { alpha: comparisonAlpha });
      const verdict = decideComparison(cs, { margin: rule.margin, budgetReached: budgetReached !== null });
      const decided = verdict.decision !== "undecided";
      const expected = decided
        ? 0
        : expectedPromptsToDecision(seq, { margin: rule.margin, alpha: comparisonAlpha, ...EXPECTED }).median;
      rows.get(key)!.push({
        criterion: criterion.key,
        prompts: cs.n,
        lower: cs.lower,
        upper: cs.upper,
        estimate: cs.estimate,
        decision: verdict.decision,
        reason: named(verdict.reason, data.models[a], data.models[b]),
        expectedJudgments: expected === null ? null : expected * perPrompt,
      });
      if (!decided)
        priorities.set(
          key,
          Math.max(priorities.get(key)!, pairPriority({ n: cs.n, lower: cs.lower, upper: cs.upper, rankDistance })),
        );
    }
  }
  const comparisons = pairKeys.map((key): SequentialComparison => {
    const a = Math.floor(key / K),
      b = key % K;
    const criteria = rows.get(key)!;
    const decided = criteria.every((c) => c.decision !== "undecided");
    const expected = criteria.map((c) => c.expectedJudgments);
    return {
      modelAId: data.modelIds[a],
      modelBId: data.modelIds[b],
      modelA: data.models[a],
      modelB: data.models[b],
      decided,
      priority: decided ? 0 : priorities.get(key)!,
      criteria,
      expectedJudgments: expected.includes(null) ? null : Math.max(0, ...(expected as number[])),
    };
  });
  const allDecided = comparisons.length > 0 && comparisons.every((c) => c.decided);
  return {
    stopWhenDecided: rule.stopWhenDecided,
    margin: rule.margin,
    alpha: rule.alpha,
    comparisonAlpha,
    judgments: spend.judgments,
    spent,
    budgetReached,
    comparisons,
    allDecided,
    summary: summaryOf(comparisons, budgetReached),
  };
}

/** A model pair as one number, lower model index first (a·K + b); null for a pair outside the campaign's models. */
function keyOfPair(p: { modelA: string; modelB: string }, modelIndex: Map<string, number>): number | null {
  const i = modelIndex.get(p.modelA),
    j = modelIndex.get(p.modelB);
  if (i === undefined || j === undefined || i === j) return null;
  const K = modelIndex.size;
  return Math.min(i, j) * K + Math.max(i, j);
}

/**
 * Per criterion id, per model pair key: the per-prompt outcomes (lower-indexed model's score) of
 * the complete prompts, in the order the prompts were started, up to the first started prompt
 * still short of its target. O(cells + pairs log pairs).
 */
export function promptOutcomes(
  data: CampaignData,
  reduction: CampaignReduction,
  modelIndex: Map<string, number>,
): Map<string, Map<number, number[]>> {
  const target = new Map(data.criteria.map((c) => [c.id, c.judgmentsPerPair]));
  // Per (criterion, pair): judgments of all, analysed score and count, rank of the first judgment.
  const cellsOf = new Map<string, { all: number; score: number; n: number; rank: number }>();
  const sum = (xs: readonly number[]) => xs.reduce((s, n) => s + n, 0);
  for (const { criterionId, pairId, votes, excluded, rank } of reduction.cells) {
    const k = `${criterionId}\u0000${pairId}`;
    const c = cellsOf.get(k) ?? { all: 0, score: 0, n: 0, rank };
    c.all += sum(votes) + sum(excluded);
    c.rank = Math.min(c.rank, rank);
    // PairVotes order: A (model A left, right), B (…), tie (…); a tie scores half.
    c.score += votes[0] + votes[1] + 0.5 * (votes[4] + votes[5]);
    c.n += sum(votes);
    cellsOf.set(k, c);
  }
  const out = new Map<string, Map<number, number[]>>();
  for (const criterion of data.criteria) {
    // (model pair, prompt) → its pairs' state.
    const prompts = new Map<string, { key: number; start: number; complete: boolean; score: number; n: number }>();
    for (const p of data.pairs.values()) {
      if (p.isGold) continue;
      const key = keyOfPair(p, modelIndex);
      if (key === null) continue;
      const flipped = modelIndex.get(p.modelA)! > modelIndex.get(p.modelB)!;
      const id = `${key}\u0000${p.promptId}`;
      const entry = prompts.get(id) ?? { key, start: Infinity, complete: true, score: 0, n: 0 };
      const c = cellsOf.get(`${criterion.id}\u0000${p.pairId}`);
      entry.complete &&= (c?.all ?? 0) >= target.get(criterion.id)!;
      if (c) {
        entry.start = Math.min(entry.start, c.rank);
        entry.score += flipped ? c.n - c.score : c.score;
        entry.n += c.n;
      }
      prompts.set(id, entry);
    }
    const started = [...prompts.values()].filter((e) => e.start < Infinity).sort((x, y) => x.start - y.start);
    const byPair = new Map<number, number[]>();
    const blocked = new Set<number>();
    for (const e of started) {
      if (blocked.has(e.key)) continue;
      if (!e.complete) {
        blocked.add(e.key);
        continue;
      }
      if (e.n === 0) continue; // every judgment on it was excluded
      const list = byPair.get(e.key) ?? [];
      list.push(e.score / e.n);
      byPair.set(e.key, list);
    }
    out.set(criterion.id, byPair);
  }
  return out;
}

/** The sequence for P(B beats A) as one for P(A beats B). */
function flip(cs: ConfidenceSequence): ConfidenceSequence {
  return { ...cs, lower: 1 - cs.upper, upper: 1 - cs.lower, estimate: 1 - cs.estimate };
}

/** decideComparison's reason with the models named ("A wins" → "flux wins"). */
export function named(reason: string, modelA: string, modelB: string): string {
  return reason.replace(/^A wins/, `${modelA} wins`).replace(/^B wins/, `${modelB} wins`);
}

function budgetSentence(rule: StopRuleSettings, judgments: number, spent: number | null): string | null {
  if (rule.judgmentBudget !== null && judgments >= rule.judgmentBudget)
    return `the judgment budget is spent (${judgments} of ${rule.judgmentBudget} judgments)`;
  if (rule.moneyBudget !== null && spent !== null && spent >= rule.moneyBudget)
    return `the money budget is spent (${spent} of ${rule.moneyBudget})`;
  return null;
}

function summaryOf(comparisons: SequentialComparison[], budget: string | null): string {
  const decided = comparisons.filter((c) => c.decided).length;
  const rows = comparisons.flatMap((c) => c.criteria);
  const count = (d: ComparisonDecision) => rows.filter((r) => r.decision === d).length;
  const of = `${decided} of ${comparisons.length} comparison${comparisons.length === 1 ? "" : "s"} decided`;
  if (decided < comparisons.length || comparisons.length === 0) return `${of}.`;
  const parts = [
    `${count("winner_a") + count("winner_b")} with a winner`,
    `${count("no_difference")} with no practical difference`,
  ];
  if (budget) parts.push(`${count("budget")} undecided when ${budget}`);
  const all = `All ${comparisons.length} comparison${comparisons.length === 1 ? " is" : "s are"}`;
  return `${all} decided on every criterion (criterion by criterion: ${parts.join(", ")}).`;
}

const round = (x: number) => Number(x.toFixed(6));
