import { fixedPromptsForPower } from "../planning";
import { createRng } from "../rng";
import { createPointTests, type BettingOptions } from "./betting";
import { createPromptModel } from "./simulate";

export interface WinRateDesignOptions extends BettingOptions {
  /** Power wanted. Default 0.9. */
  power?: number;
  /** Judgments per prompt m (a prompt's outcome is their mean). Default 1. */
  judgmentsPerPrompt?: number;
  /** Probability τ that a judgment is a tie (counts ½). Default 0. */
  tieRate?: number;
  /** Simulated campaigns for the sequential design. Default 2,000. */
  rounds?: number;
  /** Sequential runs still undecided after this many prompts count as not deciding. Default 100,000. */
  maxPrompts?: number;
  seed?: number;
}

export interface WinRateDesigns {
  target: number;
  judgmentsPerPrompt: number;
  /** Fixed design: prompts (and judgments) for the level-α z-test to reach the power. */
  fixed: { prompts: number; judgments: number };
  /** Sequential design (betting sequence at ½, stop when it excludes ½): prompts by which `power` of campaigns have stopped with the right winner (the budget to plan), and the median. */
  sequential: { promptsForPower: number | null; medianPrompts: number | null; judgmentsForPower: number | null };
}

/**
 * "How many judgments to decide a 60 % win rate with 90 % power?", for a fixed and a sequential design.
 * Model: each prompt gets m judgments, each a tie with probability τ, else a win with probability
 * (p − τ/2)/(1 − τ) (so the mean score is p); the prompt's outcome is their mean.
 * Fixed: fixedPromptsForPower with σ² = (p(1 − p) − τ/4)/m at the target and (¼ − τ/4)/m under ½.
 * Sequential: simulation (seeded) of the stopping rule "stop when the betting sequence excludes ½"
 * (createPointTests at ½, WSR 2023); promptsForPower is the `power` quantile of the prompts until a
 * correct stop (a run that stops for the wrong model or never counts as not stopped).
 * The sequential budget for 90 % power is usually larger than the fixed n, but its median (what a
 * campaign typically spends) is smaller — and far smaller when the true rate exceeds the target.
 * Complexity: O(R·N) for R rounds of at most N prompts each.
 */
export function planWinRateDesigns(target: number, options: WinRateDesignOptions = {}): WinRateDesigns {
  const power = options.power ?? 0.9;
  const m = options.judgmentsPerPrompt ?? 1;
  const tau = options.tieRate ?? 0;
  const rounds = options.rounds ?? 2000;
  const maxPrompts = options.maxPrompts ?? 100000;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`judgmentsPerPrompt must be a positive integer, got ${m}`);
  const model = createPromptModel({ winRate: target, tieRate: tau, judgmentsPerPrompt: m });
  const fixedPrompts = fixedPromptsForPower(target, {
    alpha: options.alpha,
    power,
    nullVariance: (0.25 - tau / 4) / m,
    targetVariance: (target * (1 - target) - tau / 4) / m,
  });
  const rng = createRng(options.seed ?? 1);
  const stops: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = createPointTests([0.5], options);
    while (t.n < maxPrompts && !t.rejected(0)) t.push(model.draw(rng));
    const correct = t.rejected(0) && t.estimate > 0.5 === target > 0.5;
    stops.push(correct ? t.n : Infinity);
  }
  stops.sort((a, b) => a - b);
  const q = (p: number) => {
    const v = stops[Math.min(rounds - 1, Math.ceil(p * rounds) - 1)];
    return Number.isFinite(v) ? v : null;
  };
  const forPower = q(power);
  return {
    target,
    judgmentsPerPrompt: m,
    fixed: { prompts: fixedPrompts, judgments: fixedPrompts * m },
    sequential: {
      promptsForPower: forPower,
      medianPrompts: q(0.5),
      judgmentsForPower: forPower === null ? null : forPower * m,
    },
  };
}
