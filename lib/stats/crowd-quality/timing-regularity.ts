import { quantileSorted } from "../quantile";
import type { CrowdQualityRules } from "./rules";

export interface Dispersion {
  /** Values used (finite, > 0). */
  count: number;
  median: number | null;
  /** Classical coefficient of variation: sample standard deviation / mean. */
  cv: number | null;
  /** Robust coefficient of variation: 1.4826·MAD / median (equals σ/μ for normal data). */
  robustCv: number | null;
}

export interface TimingEvidence {
  /** Seconds from showing a pair to the answer. */
  answerSeconds: Dispersion;
  /** Seconds between consecutive judgments (needs recording times). */
  gapSeconds: Dispersion;
}

/**
 * Dispersion of a sample of durations. Definition: cv = s/x̄ with the n − 1 sample standard
 * deviation; robustCv = 1.4826·median(|x − m|)/m with m the median — one long pause (a coffee
 * break between judgments) cannot hide a machine-regular pace from it, as it can from s/x̄.
 * Reference: Hampel (1974), "The influence curve and its role in robust estimation", JASA 69:383
 * (the MAD and its 1.4826 consistency factor). Complexity: O(n log n); O(n) time and no copy
 * for a sample already ascending and all of it usable (the answer times as annotator quality
 * passes them), `values` never changed.
 */
export function dispersion(values: ArrayLike<number>): Dispersion {
  return dispersionOfAscending(usableAscending(values) ? values : ascending(kept(values, usable)));
}

const usable = (v: number) => Number.isFinite(v) && v > 0;

/** Whether every value is usable and they come in ascending order: dispersion reads them as they are. */
function usableAscending(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!usable(values[i]) || (i > 0 && values[i] < values[i - 1])) return false;
  return true;
}

/** dispersion() of usable values in ascending order. */
function dispersionOfAscending(xs: ArrayLike<number>): Dispersion {
  const n = xs.length;
  if (n === 0) return { count: 0, median: null, cv: null, robustCv: null };
  const median = quantileSorted(xs, 0.5);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  return {
    count: n,
    median,
    cv: n >= 2 ? Math.sqrt(ss / (n - 1)) / mean : null,
    robustCv: (1.4826 * medianDeviation(xs, median)) / median,
  };
}

/** The values that pass `keep`, in order, in a new array (a plain loop: the samples are long). */
function kept(values: ArrayLike<number>, keep: (v: number) => boolean): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (keep(values[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, k = 0; i < values.length; i++) if (keep(values[i])) out[k++] = values[i];
  return out;
}

/** `xs` sorted in place, unless already in ascending order (often so: sorted once by the caller, or times as recorded). */
function ascending(xs: Float64Array): Float64Array {
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) return xs.sort();
  return xs;
}

/**
 * The median of |x − m| over ascending `xs`, m within their range — quantileSorted(deviations
 * sorted, 0.5), exactly: the deviations fall while x < m and rise after, so the two runs are
 * merged in order (same values, same order as sorting them) only as far as the middle, and
 * nothing is stored. O(n) time, O(1) memory.
 */
function medianDeviation(xs: ArrayLike<number>, m: number): number {
  const n = xs.length;
  const h = (n - 1) * 0.5;
  const lower = Math.floor(h);
  const upper = Math.min(n - 1, lower + 1);
  let split = 0;
  while (split < n && xs[split] < m) split++;
  // Below: indices split−1 down to 0 (deviations rising); above: split up to n−1 (rising).
  let lo = split - 1;
  let hi = split;
  let atLower = 0;
  for (let k = 0; k <= upper; k++) {
    const below = lo >= 0 ? m - xs[lo] : Infinity;
    const above = hi < n ? xs[hi] - m : Infinity;
    let d: number;
    if (below <= above) {
      d = below;
      lo--;
    } else {
      d = above;
      hi++;
    }
    if (k === lower) atLower = d;
    if (k === upper) return atLower + (h - lower) * (d - atLower);
  }
  return NaN; // n = 0: not reached (dispersionOfAscending returns first)
}

/**
 * Timing regularity of one annotator: how alike their answer times and the times between their
 * judgments are. People vary (reading a prompt, a hard pair, a glance away); a script answering
 * on a timer does not.
 * Definition: dispersion() of the answer times, and of the differences of consecutive recording
 * times (`at`, milliseconds, sorted), in seconds.
 * Reference: Wagenmakers & Brown (2007), "On the linear relation between the mean and the
 * standard deviation of a response time distribution", Psychological Review 114(3):830–841.
 * Complexity: O(n log n).
 */
export function timingRegularity(answerSeconds: ArrayLike<number>, recordedAtMs: ArrayLike<number>): TimingEvidence {
  const at = ascending(kept(recordedAtMs, Number.isFinite));
  // The gaps are this function's own: the usable ones kept in place and sorted there, not copied again.
  let n = 0;
  for (let i = 1; i < at.length; i++) {
    const gap = (at[i] - at[i - 1]) / 1000;
    if (usable(gap)) at[n++] = gap;
  }
  return { answerSeconds: dispersion(answerSeconds), gapSeconds: dispersionOfAscending(ascending(at.subarray(0, n))) };
}

/** The flag rule (see CrowdQualityRules): either kind of time far too regular for a person. */
export function timingFlag(e: TimingEvidence, rules: CrowdQualityRules): boolean {
  const tooRegular = (d: Dispersion) =>
    d.count >= rules.timingMinTimes && d.robustCv !== null && d.robustCv < rules.timingMaxCv;
  return tooRegular(e.answerSeconds) || tooRegular(e.gapSeconds);
}
