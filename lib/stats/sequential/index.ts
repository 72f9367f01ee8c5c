/**
 * Anytime-valid (sequential) statistics: pure TypeScript, deterministic. See docs/STATISTICS.md,
 * "Sequential decisions".
 *
 * Usage (two models; outcomes = A's per-prompt score, a prompt's judgments averaged, ties ½,
 * in the order the prompts completed — the assignment engine must randomise that order):
 *   const cs = winRateConfidenceSequence(outcomes, { alpha: 0.05 });      // {lower, upper, estimate, n, alpha}
 *   const { decision, reason } = decideComparison(cs, { margin: 0.05, budgetReached });
 *   // decision: "winner_a" | "winner_b" | "no_difference" | "undecided" | "budget"
 *   const eta = expectedPromptsToDecision(outcomes, { margin: 0.05 });    // {median, p90, decidedShare, decided}
 * The sequence is valid at every look: recompute it after each prompt and stop on a decision.
 * For a running monitor at O(1) per outcome use createPointTests([0.5, 0.5 - δ, 0.5 + δ]).
 *
 * K > 2 models (adaptive allocation):
 *   const board = leaderboardSequences(K, [{ a, b, outcomes }, ...]);   // order, adjacent-rank sequences
 *   const next = pairPriorities(board, { topK: 3, topWeight: 2 })[0];   // serve this pair next (priority 0 = all settled)
 *   pairPriority({ n, lower, upper, rankDistance }) scores a single pair.
 *
 * Planning (fixed vs sequential prompts for a target win rate and power): planWinRateDesigns in
 * ./planning.ts.
 */
export * from "./betting";
export * from "./win-rate-sequence";
export * from "./decide";
export * from "./expected";
export * from "./leaderboard";
export * from "./planning";
export * from "./simulate";
