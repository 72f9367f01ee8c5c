/**
 * Betting (test-martingale) capital processes for the mean of outcomes in [0, 1], the building block
 * of every anytime-valid figure in lib/stats/sequential.
 *
 * For a candidate mean m and outcomes X₁, X₂, … in [0, 1] with E[Xᵢ | past] = m, the capital
 *   K_t(m) = ∏_{i≤t} (1 + λᵢ(m)·(Xᵢ − m)),  λᵢ(m) chosen from X₁…X_{i−1} only (predictable),
 * is a non-negative martingale with K₀ = 1 as long as 1 + λᵢ(m)(x − m) > 0 for every x in [0, 1].
 * Ville's inequality gives P(∃t: K_t(m) ≥ 1/α) ≤ α, so {m : max_{s≤t} K_s(m) < 1/α} is a 1 − α
 * confidence sequence: it covers the true mean at every t simultaneously, hence at any data-dependent
 * stopping time (however often one looks). Reference: Waudby-Smith & Ramdas (2023), "Estimating
 * means of bounded random variables by betting", JRSS-B 86(1):1–27, arXiv 2010.09686 (hereafter
 * WSR): §4 (capital processes, Ville), eq. (26) (predictable plug-in bets), Thm 3 (hedged capital),
 * §5.1 (aGRAPA bets).
 *
 * Two bet rules are implemented:
 *  - "agrapa" (default): λᵢ(m) = (μ̂ᵢ₋₁ − m) / (σ̂²ᵢ₋₁ + (μ̂ᵢ₋₁ − m)²), truncated to
 *    [−c/(1 − m), c/m] (WSR §5.1, approximate growth-rate-adaptive to the particular alternative).
 *    One process bets in the direction the data point to, so it covers both sides.
 *  - "hedged": WSR Theorem 3, K^±(m) = max(θ·K⁺(m), (1 − θ)·K⁻(m)), θ = ½, with the predictable
 *    plug-in bets λᵢ = min(√(2 log(2/α) / (σ̂²ᵢ₋₁ · i · log(1 + i))), c), K⁺ betting
 *    min(λᵢ, c/m) upwards and K⁻ betting min(λᵢ, c/(1 − m)) downwards.
 * with the regularised running estimates μ̂_t = (½ + ΣXᵢ)/(t + 1),
 * σ̂²_t = (¼ + Σ(Xᵢ − μ̂ᵢ)²)/(t + 1) (WSR eq. (26)) and truncation c = ½ by default.
 * Complexity: O(1) per outcome and candidate mean; O(t) for one candidate over t outcomes.
 */

/** The bet rule (see the module comment). */
export type BettingRule = "agrapa" | "hedged";

export interface BettingOptions {
  /** Error level α: the sequence covers the true mean at all times with probability ≥ 1 − α. Default 0.05. */
  alpha?: number;
  /** Bet rule; default "agrapa". */
  rule?: BettingRule;
  /** Truncation c in (0, 1) of the bets; default ½ (WSR recommend ½ or ¾; ¾ decides large effects sooner but small ones later, see docs/STATISTICS.md). */
  truncation?: number;
}

export interface ResolvedBettingOptions {
  alpha: number;
  rule: BettingRule;
  truncation: number;
}

/** Validates and fills in betting options; a bad value throws a RangeError naming the field. */
export function resolveBettingOptions(options: BettingOptions = {}): ResolvedBettingOptions {
  const alpha = options.alpha ?? 0.05;
  const rule = options.rule ?? "agrapa";
  const truncation = options.truncation ?? 0.5;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (rule !== "agrapa" && rule !== "hedged") throw new RangeError(`rule must be "agrapa" or "hedged", got ${rule}`);
  if (!(truncation > 0 && truncation < 1)) throw new RangeError(`truncation must be in (0, 1), got ${truncation}`);
  return { alpha, rule, truncation };
}

/** Checks one outcome; throws a RangeError naming its position (1-based) when it is not in [0, 1]. */
export function checkOutcome(x: number, index: number): void {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`outcomes[${index}] must be a number in [0, 1], got ${x}`);
}

/**
 * The predictable running estimates shared by every candidate mean: μ̂ and σ̂² after t outcomes
 * (WSR eq. (26)), updated in O(1) per outcome.
 */
export interface RunningMoments {
  t: number;
  sum: number;
  sumSquaredDeviation: number;
  /** μ̂_t = (½ + ΣX)/(t + 1). */
  mean: number;
  /** σ̂²_t = (¼ + Σ(Xᵢ − μ̂ᵢ)²)/(t + 1). */
  variance: number;
}

export function initialMoments(): RunningMoments {
  return { t: 0, sum: 0, sumSquaredDeviation: 0, mean: 0.5, variance: 0.25 };
}

/** Adds outcome x to the running estimates (in place). O(1). */
export function updateMoments(s: RunningMoments, x: number): void {
  s.t += 1;
  s.sum += x;
  s.mean = (0.5 + s.sum) / (s.t + 1);
  s.sumSquaredDeviation += (x - s.mean) ** 2;
  s.variance = (0.25 + s.sumSquaredDeviation) / (s.t + 1);
}

/** Log-capital of one candidate mean, with its running maximum (the running intersection). */
export interface PointCapital {
  m: number;
  /** log K⁺ (agrapa: log K), log K⁻ (hedged only). */
  logUp: number;
  logDown: number;
  /** max over time of the log of the combined capital. */
  maxLog: number;
}

export function initialPointCapital(m: number): PointCapital {
  return { m, logUp: 0, logDown: 0, maxLog: 0 };
}

/**
 * One betting step for candidate mean p.m on outcome x, given the moments BEFORE x (so the bet is
 * predictable). Updates p in place. O(1).
 */
export function stepPointCapital(p: PointCapital, x: number, before: RunningMoments, o: ResolvedBettingOptions): void {
  const m = p.m;
  const c = o.truncation;
  let combined: number;
  if (o.rule === "agrapa") {
    const g = before.mean - m;
    let lambda = g / (before.variance + g * g);
    const hi = m > 0 ? c / m : Infinity;
    const lo = m < 1 ? -c / (1 - m) : -Infinity;
    lambda = Math.min(hi, Math.max(lo, lambda));
    p.logUp += Math.log1p(lambda * (x - m));
    combined = p.logUp;
  } else {
    const i = before.t + 1;
    const base = Math.min(Math.sqrt((2 * Math.log(2 / o.alpha)) / (before.variance * i * Math.log(1 + i))), c);
    const up = m > 0 ? Math.min(base, c / m) : base;
    const down = m < 1 ? Math.min(base, c / (1 - m)) : base;
    p.logUp += Math.log1p(up * (x - m));
    p.logDown += Math.log1p(-down * (x - m));
    combined = Math.max(p.logUp, p.logDown) + Math.log(0.5); // θ = ½
  }
  if (combined > p.maxLog) p.maxLog = combined;
}

/**
 * max_{s≤t} log K_s(m) over the whole outcome sequence (the running intersection's test statistic:
 * m lies outside the confidence sequence at time t iff this is ≥ log(1/α)). O(t).
 */
export function maxLogCapital(outcomes: readonly number[], m: number, options: BettingOptions = {}): number {
  const o = resolveBettingOptions(options);
  const moments = initialMoments();
  const p = initialPointCapital(m);
  for (let i = 0; i < outcomes.length; i++) {
    const x = outcomes[i];
    checkOutcome(x, i);
    stepPointCapital(p, x, moments, o);
    updateMoments(moments, x);
  }
  return p.maxLog;
}

/**
 * Incremental tests of a few fixed candidate means (e.g. ½ and ½ ± margin) — what a monitor or a
 * simulation needs after every outcome, at O(points) per outcome instead of re-running the sequence.
 * `rejected(i)` is true once the capital at points[i] has ever reached 1/α (it stays true: the
 * running intersection).
 */
export interface PointTests {
  readonly points: readonly number[];
  readonly n: number;
  /** Running estimate μ̂ = ΣX/n (NaN before the first outcome). */
  readonly estimate: number;
  push(x: number): void;
  rejected(index: number): boolean;
  maxLogCapital(index: number): number;
}

/** Creates incremental point tests (see PointTests). O(points) per push. */
export function createPointTests(points: readonly number[], options: BettingOptions = {}): PointTests {
  const o = resolveBettingOptions(options);
  const threshold = Math.log(1 / o.alpha);
  points.forEach((m, i) => {
    if (!(m >= 0 && m <= 1)) throw new RangeError(`points[${i}] must be in [0, 1], got ${m}`);
  });
  const moments = initialMoments();
  const caps = points.map(initialPointCapital);
  return {
    points,
    get n() {
      return moments.t;
    },
    get estimate() {
      return moments.t > 0 ? moments.sum / moments.t : NaN;
    },
    push(x: number) {
      checkOutcome(x, moments.t);
      for (const p of caps) stepPointCapital(p, x, moments, o);
      updateMoments(moments, x);
    },
    rejected: (i: number) => caps[i].maxLog >= threshold,
    maxLogCapital: (i: number) => caps[i].maxLog,
  };
}

/** A running confidence sequence on a grid: the cheap form for monitors and simulations. */
export interface SequenceMonitor {
  readonly n: number;
  readonly estimate: number;
  push(x: number): void;
  /**
   * Conservative interval: from the largest rejected grid point below the accepted region to the
   * smallest rejected one above it (so it contains the exact sequence, wider by < 1/gridSize).
   */
  interval(): { lower: number; upper: number };
  /** True once ½ is outside the sequence (the order of the two models is settled). */
  excludesHalf(): boolean;
}

/**
 * Running confidence sequence on the grid {0, 1/G, …, 1} (G even, so ½ is a grid point):
 * createPointTests on every grid point. Complexity: O(G) per outcome, O(G) per interval().
 */
export function createSequenceMonitor(options: BettingOptions & { gridSize?: number } = {}): SequenceMonitor {
  const G = options.gridSize ?? 200;
  if (!(Number.isInteger(G) && G >= 2 && G % 2 === 0))
    throw new RangeError(`gridSize must be an even integer ≥ 2, got ${G}`);
  const grid = Array.from({ length: G + 1 }, (_, k) => k / G);
  const tests = createPointTests(grid, options);
  return {
    get n() {
      return tests.n;
    },
    get estimate() {
      return tests.estimate;
    },
    push: (x: number) => tests.push(x),
    interval() {
      let first = -1,
        last = -1;
      for (let k = 0; k <= G; k++)
        if (!tests.rejected(k)) {
          if (first < 0) first = k;
          last = k;
        }
      if (first < 0) {
        const e = tests.estimate;
        return { lower: Math.floor(e * G) / G, upper: Math.ceil(e * G) / G };
      }
      return { lower: grid[Math.max(0, first - 1)], upper: grid[Math.min(G, last + 1)] };
    },
    excludesHalf: () => tests.rejected(G / 2),
  };
}
