import { normalCdf, normalQuantile } from "./special";
import { quantileSorted, sortedFinite } from "./quantile";
import type { Interval } from "./types";

/**
 * Bootstrap percentile interval: the (1−level)/2 and (1+level)/2 quantiles of the replicates.
 * Reference: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13.
 * Complexity: O(B log B) for B replicates (sorting); NaN replicates are ignored.
 */
export function percentileInterval(replicates: ArrayLike<number>, level = 0.95): Interval {
  const s = sortedFinite(replicates);
  return { lower: quantileSorted(s, (1 - level) / 2), upper: quantileSorted(s, (1 + level) / 2) };
}

/**
 * Bias-corrected and accelerated (BCa) bootstrap interval.
 * Definition: bias correction z₀ = Φ⁻¹(#{θ* < θ̂}/B + ½·#{θ* = θ̂}/B) (the proportion is kept
 * inside [1/2B, 1 − 1/2B] so z₀ stays finite); acceleration from the jackknife values θ₍ᵢ₎ with
 * mean θ̄: a = Σ(θ̄ − θ₍ᵢ₎)³ / (6·[Σ(θ̄ − θ₍ᵢ₎)²]^{3/2}) (0 when all are equal); the endpoints are the
 * replicate quantiles at α_{1,2} = Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α))) for z_α = Φ⁻¹((1∓level)/2).
 * With a cluster bootstrap the jackknife leaves out one cluster at a time.
 * Reference: Efron (1987), "Better bootstrap confidence intervals", JASA 82:171–185;
 * Efron & Tibshirani (1993), §14.3, eqs. 14.9–14.15.
 * Complexity: O(B log B + J) for B replicates and J jackknife values.
 */
export function bcaInterval(
  estimate: number,
  replicates: ArrayLike<number>,
  jackknife: ArrayLike<number>,
  level = 0.95,
): Interval {
  const s = sortedFinite(replicates);
  const B = s.length;
  if (B === 0) return { lower: NaN, upper: NaN };
  let below = 0,
    equal = 0;
  for (let i = 0; i < B; i++) {
    if (s[i] < estimate) below++;
    else if (s[i] === estimate) equal++;
  }
  const share = Math.min(1 - 1 / (2 * B), Math.max(1 / (2 * B), (below + equal / 2) / B));
  const z0 = normalQuantile(share);
  const a = jackknifeAcceleration(jackknife);
  const adjust = (zAlpha: number) => {
    const t = z0 + zAlpha;
    const denom = 1 - a * t;
    // a·t ≥ 1 only for absurd skew; the quantile then runs to the end of the distribution.
    if (denom <= 0) return zAlpha < 0 ? 0 : 1;
    return normalCdf(z0 + t / denom);
  };
  const zLo = normalQuantile((1 - level) / 2);
  const zHi = normalQuantile((1 + level) / 2);
  return { lower: quantileSorted(s, adjust(zLo)), upper: quantileSorted(s, adjust(zHi)) };
}

/** Jackknife acceleration a (see bcaInterval); NaN values are ignored; 0 when undefined. */
export function jackknifeAcceleration(jackknife: ArrayLike<number>): number {
  const v: number[] = [];
  for (let i = 0; i < jackknife.length; i++) if (Number.isFinite(jackknife[i])) v.push(jackknife[i]);
  if (v.length < 2) return 0;
  const mean = v.reduce((x, y) => x + y, 0) / v.length;
  let s2 = 0,
    s3 = 0;
  for (const x of v) {
    const d = mean - x;
    s2 += d * d;
    s3 += d * d * d;
  }
  return s2 > 0 ? s3 / (6 * Math.pow(s2, 1.5)) : 0;
}
