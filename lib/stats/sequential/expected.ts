import { createRng } from "../rng";
import {
  checkOutcome,
  initialMoments,
  initialPointCapital,
  resolveBettingOptions,
  stepPointCapital,
  updateMoments,
  type BettingOptions,
  type PointCapital,
  type RunningMoments,
} from "./betting";

export interface ExpectedPromptsOptions extends BettingOptions {
  /** Practical-equivalence margin δ (0 = only a winner decides). Default 0. */
  margin?: number;
  /** Simulated continuations. Default 200. */
  rounds?: number;
  /** Continuations still undecided after this many further prompts count as "beyond". Default 5,000. */
  maxPrompts?: number;
  seed?: number;
}

export interface ExpectedPrompts {
  /** Median further prompts to a decision; null when more than half the continuations pass maxPrompts. */
  median: number | null;
  /** 90th percentile of further prompts; null when beyond maxPrompts. */
  p90: number | null;
  /** Share of continuations decided within maxPrompts. */
  decidedShare: number;
  /** True when the comparison is decided already (median = p90 = 0). */
  decided: boolean;
}

/**
 * Further prompts until the stopping rule of decideComparison decides (winner, or no practical
 * difference when margin > 0), by simulation: each continuation draws future per-prompt outcomes
 * with replacement from the ones observed so far (the plug-in estimate of the outcome distribution)
 * and runs the same betting tests at ½ and ½ ± δ, continuing from the current capital. Multiply by
 * judgments per prompt for judgments. A rough guide while few prompts are in (the plug-in
 * distribution is then crude), not a guarantee; with no outcomes yet it returns nulls.
 * Reference: the tests of lib/stats/sequential/betting.ts (Waudby-Smith & Ramdas 2023); plug-in
 * resampling as in Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 6.
 * Complexity: O(t + R·M) for t outcomes, R rounds, M = prompts simulated per round (≤ maxPrompts).
 */
export function expectedPromptsToDecision(
  outcomes: readonly number[],
  options: ExpectedPromptsOptions = {},
): ExpectedPrompts {
  const o = resolveBettingOptions(options);
  const margin = options.margin ?? 0;
  const rounds = options.rounds ?? 200;
  const maxPrompts = options.maxPrompts ?? 5000;
  if (!(margin >= 0 && margin < 0.5)) throw new RangeError(`margin must be in [0, 0.5), got ${margin}`);
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`rounds must be a positive integer`);
  if (!(Number.isInteger(maxPrompts) && maxPrompts >= 1)) throw new RangeError(`maxPrompts must be a positive integer`);
  const points = margin > 0 ? [0.5, 0.5 - margin, 0.5 + margin] : [0.5];
  const threshold = Math.log(1 / o.alpha);
  const moments = initialMoments();
  const caps = points.map(initialPointCapital);
  for (let i = 0; i < outcomes.length; i++) {
    checkOutcome(outcomes[i], i);
    for (const p of caps) stepPointCapital(p, outcomes[i], moments, o);
    updateMoments(moments, outcomes[i]);
  }
  const decidedNow = (c: readonly PointCapital[]) =>
    c[0].maxLog >= threshold || (c.length === 3 && c[1].maxLog >= threshold && c[2].maxLog >= threshold);
  if (decidedNow(caps)) return { median: 0, p90: 0, decidedShare: 1, decided: true };
  const n = outcomes.length;
  if (n === 0) return { median: null, p90: null, decidedShare: NaN, decided: false };

  const rng = createRng(options.seed ?? 1);
  const needed: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const m: RunningMoments = { ...moments };
    const c = caps.map((p) => ({ ...p }));
    let k = 0;
    while (k < maxPrompts && !decidedNow(c)) {
      const x = outcomes[rng.int(n)];
      for (const p of c) stepPointCapital(p, x, m, o);
      updateMoments(m, x);
      k++;
    }
    needed.push(decidedNow(c) ? k : Infinity);
  }
  needed.sort((a, b) => a - b);
  const at = (q: number) => {
    const v = needed[Math.min(rounds - 1, Math.ceil(q * rounds) - 1)];
    return Number.isFinite(v) ? v : null;
  };
  return {
    median: at(0.5),
    p90: at(0.9),
    decidedShare: needed.filter(Number.isFinite).length / rounds,
    decided: false,
  };
}
