import type { Judgment, OutcomeCounts, Winner } from "./types";

/** How judgments become outcomes: one per pair (Emu's majority) or one per judgment. */
export type CountingMode = "majority" | "judgment";

/** Swaps A and B in an answer. */
export function flipWinner(w: Winner): Winner {
  return w === "A" ? "B" : w === "B" ? "A" : "tie";
}

/**
 * Emu's per-pair majority: the answer most annotators chose; when the top count is shared
 * (e.g. 1 A / 1 B / 1 tie, or 2 A / 2 B / 1 tie) the pair is a tie.
 * Reference: Dai et al. 2023, "Emu", arXiv 2309.15807 §4 (majority vote over annotators).
 * Complexity: O(m) for m votes.
 */
export function majorityWinner(votes: readonly Winner[]): Winner {
  let a = 0,
    b = 0,
    t = 0;
  for (const v of votes) {
    if (v === "A") a++;
    else if (v === "B") b++;
    else t++;
  }
  return majorityOfCounts(a, b, t);
}

/** majorityWinner from the vote counts: `a` for A, `b` for B, `t` ties. O(1). */
export function majorityOfCounts(a: number, b: number, t: number): Winner {
  if (a > b && a > t) return "A";
  if (b > a && b > t) return "B";
  return "tie";
}

/** Key of the unit a majority is taken over: one pair under one criterion. */
function pairKey(j: Judgment): string {
  return `${j.criterion ?? ""}\u0000${j.pairId}`;
}

/**
 * Collapses the judgments of each (criterion, pair) into one record whose winner is the
 * majority (see majorityWinner). The record keeps the pair's prompt, category, challenge and
 * models (oriented as the pair's first judgment; votes stored the other way round are flipped).
 * Annotator-specific fields (annotatorId, leftModel, seconds) are dropped.
 * Throws when one pair holds judgments about different models, which means corrupt input.
 * Output order: order of first appearance, so results are deterministic.
 * Complexity: O(n) time and memory for n judgments.
 */
export function aggregateByMajority(judgments: readonly Judgment[]): Judgment[] {
  const groups = new Map<string, { first: Judgment; votes: Winner[] }>();
  for (const j of judgments) {
    const key = pairKey(j);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: j, votes: [j.winner] });
      continue;
    }
    if (j.modelA === g.first.modelA && j.modelB === g.first.modelB) g.votes.push(j.winner);
    else if (j.modelA === g.first.modelB && j.modelB === g.first.modelA) g.votes.push(flipWinner(j.winner));
    else
      throw new Error(
        `pair ${j.pairId}: judgments compare different models (${g.first.modelA} vs ${g.first.modelB}, then ${j.modelA} vs ${j.modelB})`,
      );
  }
  const out: Judgment[] = [];
  for (const { first, votes } of groups.values()) {
    out.push({
      pairId: first.pairId,
      promptId: first.promptId,
      category: first.category,
      challenge: first.challenge,
      modelA: first.modelA,
      modelB: first.modelB,
      winner: majorityWinner(votes),
      criterion: first.criterion,
      goldWinner: first.goldWinner,
    });
  }
  return out;
}

/** The outcome units under a counting mode: majority per pair, or every judgment as is. */
export function outcomeUnits(judgments: readonly Judgment[], mode: CountingMode): readonly Judgment[] {
  return mode === "majority" ? aggregateByMajority(judgments) : judgments;
}

/**
 * Win / tie / loss of `model` against `opponent` over the units that compare exactly these two.
 * Complexity: O(n).
 */
export function countOutcomes(units: readonly Judgment[], model: string, opponent: string): OutcomeCounts {
  const c = { win: 0, tie: 0, loss: 0, total: 0 };
  for (const u of units) {
    const side = sideOf(u, model, opponent);
    if (side === undefined) continue;
    c.total++;
    if (u.winner === "tie") c.tie++;
    else if (u.winner === side) c.win++;
    else c.loss++;
  }
  return c;
}

/** 'A' when `model` is the unit's model A and `opponent` its B, 'B' when swapped, else undefined. */
export function sideOf(u: Judgment, model: string, opponent: string): "A" | "B" | undefined {
  if (u.modelA === model && u.modelB === opponent) return "A";
  if (u.modelB === model && u.modelA === opponent) return "B";
  return undefined;
}

/**
 * Score of one unit for `model`: 1 win, ½ tie, 0 loss — the "ties count half" convention
 * (Chatbot Arena; Zheng et al. 2023, arXiv 2306.05685). undefined when the unit is another matchup.
 */
export function scoreFor(u: Judgment, model: string, opponent: string): number | undefined {
  const side = sideOf(u, model, opponent);
  if (side === undefined) return undefined;
  return u.winner === "tie" ? 0.5 : u.winner === side ? 1 : 0;
}
