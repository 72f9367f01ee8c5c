import { binomialTestTwoSided } from "./binomial-test";
import { DEFAULT_PRIOR_PRECISION } from "./bradley-terry";
import { choleskySolve } from "./linear-algebra";
import { normalCdf, zForLevel } from "./special";
import { wilsonInterval } from "./wilson";
import type { Interval, Judgment } from "./types";

export interface PositionBias {
  /** Judgments with a known left image. */
  judgments: number;
  leftWins: number;
  rightWins: number;
  ties: number;
  /** leftWins / (leftWins + rightWins): 0.5 means no bias; null when every vote was a tie. */
  leftShare: number | null;
  interval: Interval | null;
  /** Exact two-sided binomial test of leftShare = 0.5. */
  pValue: number;
  /**
   * The side effect adjusted for which models were shown (Bradley–Terry with a left-position
   * term, adjustedPositionBias); null when no decisive vote records its left image. Read this one:
   * the raw share above also moves when a stronger model happened to be shown left more often.
   */
  adjusted: AdjustedPositionBias | null;
}

/** Bradley–Terry with a left-position advantage: see adjustedPositionBias. */
export interface AdjustedPositionBias {
  method: "bradley-terry-left-advantage";
  /** Decisive votes in the fit, and the models in it. */
  decisive: number;
  models: number;
  /** α: the left position's advantage on the logit scale, with its standard error. */
  leftAdvantage: number;
  standardError: number;
  /** σ(α): how often the left image wins a decisive vote between two equally strong models; ½ = no bias. */
  leftShare: number;
  /** σ(α ± z·SE): Wald interval, mapped to the share scale. */
  interval: Interval;
  /** Two-sided Wald test of α = 0. */
  pValue: number;
}

/**
 * Position bias: how often the image shown on the left wins, among decisive votes. Photogenic
 * randomises left/right per annotator, so a share away from ½ measures the annotators'
 * preference for a side, not a model effect.
 * Definition: left share = L / (L + R) with Wilson interval and exact binomial test against ½.
 * Reference: Wilson (1927); Zheng et al. (2023), arXiv 2306.05685, §3.3 (position bias of judges).
 * Complexity: O(n + L + R) (the exact test is linear in the decisive votes).
 */
export function positionBias(judgments: readonly Judgment[], level = 0.95): PositionBias {
  return positionBiasFromCounts(positionCounts(judgments), level);
}

/** Votes for the left image, for the right one, and ties, among judgments with a known left image. */
export interface PositionCounts {
  left: number;
  right: number;
  ties: number;
  /**
   * Decisive votes per ordered (left model, right model): key `${left}\u0000${right}`, value
   * [left wins, right wins]. What adjustedPositionBias fits.
   */
  byModels?: Record<string, [number, number]>;
}

/** Empty position counts. */
export function emptyPositionCounts(): PositionCounts {
  return { left: 0, right: 0, ties: 0, byModels: {} };
}

/** Adds one judgment's vote (`weight` times) to position counts; a vote with an unknown left image is skipped. O(1). */
export function addPositionVote(
  counts: PositionCounts,
  j: Pick<Judgment, "leftModel" | "modelA" | "modelB" | "winner">,
  weight = 1,
): void {
  if (j.leftModel === undefined) return;
  if (j.leftModel !== j.modelA && j.leftModel !== j.modelB) return;
  if (j.winner === "tie") {
    counts.ties += weight;
    return;
  }
  const leftWon = (j.winner === "A" ? j.modelA : j.modelB) === j.leftModel;
  if (leftWon) counts.left += weight;
  else counts.right += weight;
  const right = j.leftModel === j.modelA ? j.modelB : j.modelA;
  if (right === j.leftModel) return; // a model against itself says nothing about models
  const key = `${j.leftModel}\u0000${right}`;
  const byModels = (counts.byModels ??= {});
  const cell = (byModels[key] ??= [0, 0]);
  cell[leftWon ? 0 : 1] += weight;
}

/** Position counts of judgments. O(n). */
export function positionCounts(judgments: readonly Judgment[]): PositionCounts {
  const counts = emptyPositionCounts();
  for (const j of judgments) addPositionVote(counts, j);
  return counts;
}

/** Position bias (see positionBias) from its counts. O(L + R). */
export function positionBiasFromCounts({ left, right, ties, byModels }: PositionCounts, level = 0.95): PositionBias {
  const decisive = left + right;
  return {
    judgments: decisive + ties,
    leftWins: left,
    rightWins: right,
    ties,
    leftShare: decisive > 0 ? left / decisive : null,
    interval: decisive > 0 ? wilsonInterval(left, decisive, level) : null,
    pValue: binomialTestTwoSided(left, decisive),
    adjusted: adjustedPositionBias(byModels ?? {}, level),
  };
}

/**
 * Position bias adjusted for the models shown: a Bradley–Terry model with an order effect.
 * Model, for a decisive vote with model i shown left and model j right:
 *   P(left wins) = σ(θᵢ − θⱼ + α),  σ(x) = 1/(1 + e^{−x}),
 * fitted by maximum a-posteriori with the prior of fitBradleyTerry on the strengths and on α
 * (θ, α ~ N(0, 1/λ), λ = 0.01: SD 10 logits, negligible against any real data, but it keeps
 * the fit finite when one side or one model won every vote), by Newton's method with step halving
 * (the objective is strictly concave). Ties are left out, as in the raw share.
 * α is the left position's advantage between equally strong models, so a strong model that
 * happened to be shown left more often does not look like a side effect (the raw share
 * L/(L + R) confounds the two). Standard error from the inverse of the (penalised) information
 * matrix at the optimum; two-sided Wald test of α = 0; interval σ(α ± z·SE).
 * Reference: Davidson & Beaver (1977), "On extending the Bradley–Terry model to incorporate
 * within-pair order effects", Biometrics 33:693–702; Agresti (2013), Categorical Data Analysis,
 * 3rd ed., §11.6 (Bradley–Terry with a home-team advantage).
 * Complexity: O(C + I·K³) for C ordered model pairs that met, K models, I Newton iterations
 * (typically 4–8). null when there is no decisive vote.
 */
export function adjustedPositionBias(
  byModels: Readonly<Record<string, readonly [number, number]>>,
  level = 0.95,
  priorPrecision = DEFAULT_PRIOR_PRECISION,
): AdjustedPositionBias | null {
  const names = new Set<string>();
  const cells: { i: string; j: string; a: number; b: number }[] = [];
  for (const key of Object.keys(byModels).sort()) {
    const [i, j] = key.split("\u0000");
    const [a, b] = byModels[key];
    if (a + b === 0) continue;
    names.add(i);
    names.add(j);
    cells.push({ i, j, a, b });
  }
  if (cells.length === 0) return null;
  const models = [...names].sort();
  const index = new Map(models.map((m, n) => [m, n]));
  const K = models.length;
  const n = K + 1; // strengths, then α
  const A = K;
  const rows = cells.map((c) => ({ i: index.get(c.i)!, j: index.get(c.j)!, a: c.a, b: c.b }));
  const x = new Float64Array(n);
  const objective = (p: Float64Array) => {
    let f = 0;
    for (const { i, j, a, b } of rows) {
      const eta = p[i] - p[j] + p[A];
      // a·ln σ(η) + b·ln σ(−η), stably
      f -= a * softplus(-eta) + b * softplus(eta);
    }
    for (let k = 0; k < n; k++) f -= (priorPrecision / 2) * p[k] * p[k];
    return f;
  };
  const grad = new Float64Array(n);
  const info = new Float64Array(n * n);
  const fill = (p: Float64Array) => {
    grad.fill(0);
    info.fill(0);
    for (const { i, j, a, b } of rows) {
      const prob = 1 / (1 + Math.exp(-(p[i] - p[j] + p[A])));
      const g = a - (a + b) * prob;
      const w = (a + b) * prob * (1 - prob);
      grad[i] += g;
      grad[j] -= g;
      grad[A] += g;
      // info = XᵀWX for the design row (eᵢ − eⱼ + e_α)
      const idx = [i, j, A];
      const sign = [1, -1, 1];
      for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) info[idx[r] * n + idx[c]] += sign[r] * sign[c] * w;
    }
    for (let k = 0; k < n; k++) {
      grad[k] -= priorPrecision * p[k];
      info[k * n + k] += priorPrecision;
    }
  };
  let f = objective(x);
  for (let iter = 0; iter < 100; iter++) {
    fill(x);
    const step = choleskySolve(info, grad, n);
    let t = 1;
    let next = x.map((v, k) => v + t * step[k]);
    let fNext = objective(next);
    while (fNext < f - 1e-12 && t > 1e-10) {
      t /= 2;
      next = x.map((v, k) => v + t * step[k]);
      fNext = objective(next);
    }
    let change = 0;
    for (let k = 0; k < n; k++) change = Math.max(change, Math.abs(next[k] - x[k]));
    x.set(next);
    f = fNext;
    if (change < 1e-10) break;
  }
  fill(x);
  const unit = new Float64Array(n);
  unit[A] = 1;
  const se = Math.sqrt(choleskySolve(info, unit, n)[A]);
  const alpha = x[A];
  const z = zForLevel(level);
  const logistic = (v: number) => 1 / (1 + Math.exp(-v));
  return {
    method: "bradley-terry-left-advantage",
    decisive: cells.reduce((s, c) => s + c.a + c.b, 0),
    models: K,
    leftAdvantage: alpha,
    standardError: se,
    leftShare: logistic(alpha),
    interval: { lower: logistic(alpha - z * se), upper: logistic(alpha + z * se) },
    pValue: Math.min(1, 2 * normalCdf(-Math.abs(alpha / se))),
  };
}

/** ln(1 + eˣ) without overflow. O(1). */
function softplus(v: number): number {
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}
