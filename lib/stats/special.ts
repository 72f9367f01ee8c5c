/* eslint-disable no-loss-of-precision -- the AS 241 and Lanczos coefficients keep the digits of their published tables, so they can be checked against them */
/**
 * Special functions the estimators need: the standard normal CDF and quantile, log-gamma
 * and the binomial log-coefficient. Written here to keep lib/stats free of dependencies.
 */

/**
 * Standard normal CDF Φ(x).
 * Definition: for |x| < 3 the Taylor series Φ(x) = ½ + φ(x)·(x + x³/3 + x⁵/(3·5) + …) of Marsaglia
 * (2004), "Evaluating the Normal Distribution", J. Stat. Softw. 11(4), summed until a term no
 * longer changes the total; in the tails the Laplace continued fraction of the Mills ratio,
 * 1 − Φ(t) = φ(t) / (t + 1/(t + 2/(t + 3/(t + …)))), t = |x| ≥ 3, evaluated backwards from 60
 * terms (Abramowitz & Stegun 26.2.14), so small tail probabilities keep ~1e-14 relative accuracy.
 * Complexity: O(1) (at most ~60 terms).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const t = Math.abs(x);
  if (t >= 3) {
    if (t > 40) return x > 0 ? 1 : 0;
    let f = t;
    for (let k = 60; k >= 1; k--) f = t + k / f;
    const tail = Math.exp(-0.5 * t * t - 0.91893853320467274178) / f;
    return x > 0 ? 1 - tail : tail;
  }
  let sum = x;
  let term = x;
  const x2 = x * x;
  for (let i = 3; ; i += 2) {
    term *= x2 / i;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return 0.5 + sum * Math.exp(-0.5 * x2 - 0.91893853320467274178); // ln √(2π)
}

/**
 * Standard normal quantile Φ⁻¹(p).
 * Definition: Wichura (1988), "Algorithm AS 241: The percentage points of the normal
 * distribution", Appl. Statist. 37(3), PPND16 — rational approximations with relative
 * accuracy about 1e-16.
 * Complexity: O(1).
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0.
 * Definition: the Lanczos (1964) approximation with g = 7 and 9 coefficients (as tabulated by
 * Godfrey; see Press et al., Numerical Recipes 3rd ed. §6.1), relative error ≈ 1e-15;
 * the reflection formula handles x < 0.5.
 * Complexity: O(1).
 */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.91893853320467274178 + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln C(n, k) = ln Γ(n+1) − ln Γ(k+1) − ln Γ(n−k+1). Complexity: O(1). */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** z such that a two-sided interval at `level` covers: Φ⁻¹((1 + level) / 2). */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  return normalQuantile((1 + level) / 2);
}

/**
 * Regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) for a > 0, x ≥ 0.
 * Definition: for x < a + 1 the series P(a, x) = e^{−x} x^a / Γ(a + 1) · Σ_n x^n / ((a + 1)…(a + n)),
 * Q = 1 − P; otherwise the Legendre continued fraction for Q evaluated by the modified Lentz
 * method — each where it converges fast, so Q keeps relative accuracy ≈ 1e-14 in the upper tail.
 * Reference: Press et al. (2007), Numerical Recipes, 3rd ed., §6.2 (gser, gcf); Abramowitz &
 * Stegun (1964) 6.5.29 and 6.5.31.
 * Complexity: O(√a + 1) terms in practice (at most 1,000).
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefix) * h;
}

/**
 * Upper tail P(χ²_df ≥ x) of the chi-square distribution: Q(df/2, x/2) (regularizedGammaQ).
 * Reference: Abramowitz & Stegun (1964) 26.4.19. Complexity: that of regularizedGammaQ.
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chiSquareSurvival: df must be > 0, got ${df}`);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
