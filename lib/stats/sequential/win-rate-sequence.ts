import {
  checkOutcome,
  initialMoments,
  initialPointCapital,
  maxLogCapital,
  resolveBettingOptions,
  stepPointCapital,
  updateMoments,
  type BettingOptions,
} from "./betting";

/** An anytime-valid confidence sequence for a win rate, as of the last outcome seen. */
export interface ConfidenceSequence {
  lower: number;
  upper: number;
  /** Σ outcomes / n (½ when n = 0). */
  estimate: number;
  /** Number of outcomes (prompts) so far. */
  n: number;
  /** α it was computed at (coverage 1 − α at all times simultaneously). */
  alpha: number;
}

const GRID = 200;
const BISECTIONS = 30;

/**
 * Anytime-valid 1 − α confidence sequence for the mean of per-prompt win-rate outcomes.
 *
 * Input: outcomes in [0, 1], one per prompt, in the order the prompts completed (a prompt's
 * judgments averaged, ties counting ½, so a prompt with judgments win, tie, loss gives 0.5).
 * Definition: C_t = {m ∈ [0, 1] : max_{s≤t} K_s(m) < 1/α} with the betting capital K of
 * lib/stats/sequential/betting.ts (aGRAPA bets by default; WSR Thm 3 hedged plug-in bets with
 * `rule: "hedged"`). The running maximum makes C_t the running intersection ∩_{s≤t} C_s, so the
 * reported interval never widens. P(∀t: mean ∈ C_t) ≥ 1 − α when, given the past, each new outcome
 * has the same mean — true when prompts complete in a random order (the assignment engine
 * randomises it). Unlike a fixed-sample interval it stays valid however often one looks and
 * whenever one stops.
 * C_t is computed as an interval: a 200-point grid locates the accepted region, then each end is
 * refined by 30 bisections (precision ≈ 5e-3 / 2³⁰). The returned interval always contains the
 * grid points accepted. Reporting an interval assumes the accepted set is one (WSR show it for the
 * hedged process; for aGRAPA the tests check it against a fine grid).
 * Reference: Waudby-Smith & Ramdas (2023), JRSS-B 86(1):1–27; Howard et al. (2021), "Time-uniform,
 * nonparametric, nonasymptotic confidence sequences", Ann. Stat. 49(2) (confidence sequences, Ville).
 * Complexity: O(t·(G + 2·B)) for t outcomes, G = 200 grid points, B = 30 bisections.
 * With no outcomes it returns [0, 1].
 */
export function winRateConfidenceSequence(
  outcomes: readonly number[],
  options: BettingOptions = {},
): ConfidenceSequence {
  const o = resolveBettingOptions(options);
  const n = outcomes.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    checkOutcome(outcomes[i], i);
    sum += outcomes[i];
  }
  const estimate = n > 0 ? sum / n : 0.5;
  if (n === 0) return { lower: 0, upper: 1, estimate, n, alpha: o.alpha };
  const threshold = Math.log(1 / o.alpha);

  // All grid points in one pass: O(t·G).
  const grid = Array.from({ length: GRID + 1 }, (_, k) => k / GRID);
  const caps = grid.map(initialPointCapital);
  const moments = initialMoments();
  for (const x of outcomes) {
    for (const p of caps) stepPointCapital(p, x, moments, o);
    updateMoments(moments, x);
  }
  const accepted = caps.map((p) => p.maxLog < threshold);
  const first = accepted.indexOf(true);
  const last = accepted.lastIndexOf(true);
  const inside = (m: number) => maxLogCapital(outcomes, m, o) < threshold;
  if (first < 0) {
    // Nothing on the grid is accepted: the set, if not empty, is narrower than a grid step. Look
    // around the estimate (where the capital is smallest) before declaring it empty.
    if (!inside(estimate)) return { lower: estimate, upper: estimate, estimate, n, alpha: o.alpha };
    const k = Math.min(GRID - 1, Math.floor(estimate * GRID));
    return {
      lower: refine(grid[k], estimate, inside, true),
      upper: refine(estimate, grid[k + 1], inside, false),
      estimate,
      n,
      alpha: o.alpha,
    };
  }
  const lower = first === 0 ? 0 : refine(grid[first - 1], grid[first], inside, true);
  const upper = last === GRID ? 1 : refine(grid[last], grid[last + 1], inside, false);
  return { lower, upper, estimate, n, alpha: o.alpha };
}

/**
 * Bisection for the boundary between an excluded and an accepted point. `lowerEnd`: a is excluded
 * and b accepted (returns the smallest accepted point found); otherwise a is accepted and b
 * excluded (returns the largest accepted point found). O(B) calls of `inside`.
 */
function refine(a: number, b: number, inside: (m: number) => boolean, lowerEnd: boolean): number {
  let out = a,
    acc = b;
  if (!lowerEnd) [out, acc] = [b, a];
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = (out + acc) / 2;
    if (inside(mid)) acc = mid;
    else out = mid;
  }
  return acc;
}
