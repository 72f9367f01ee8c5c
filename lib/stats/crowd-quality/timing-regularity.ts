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
 * (the MAD and its 1.4826 consistency factor). Complexity: O(n log n).
 */
export function dispersion(values: ArrayLike<number>): Dispersion {
  const xs = ascending(kept(values, (v) => Number.isFinite(v) && v > 0));
  const n = xs.length;
  if (n === 0) return { count: 0, median: null, cv: null, robustCv: null };
  const median = quantileSorted(xs, 0.5);
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const deviations = sortedDeviations(xs, median);
  return {
    count: n,
    median,
    cv: n >= 2 ? Math.sqrt(ss / (n - 1)) / mean : null,
    robustCv: (1.4826 * quantileSorted(deviations, 0.5)) / median,
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
 * |x − m| of ascending `xs` in ascending order, m within their range: the deviations fall while
 * x < m and rise after, so the two runs are merged in O(n) rather than sorted (same values, same
 * order as sorting them).
 */
function sortedDeviations(xs: Float64Array, m: number): Float64Array {
  const n = xs.length;
  const out = new Float64Array(n);
  let split = 0;
  while (split < n && xs[split] < m) split++;
  // Below: indices split−1 down to 0 (deviations rising); above: split up to n−1 (rising).
  let lo = split - 1;
  let hi = split;
  for (let k = 0; k < n; k++) {
    const below = lo >= 0 ? m - xs[lo] : Infinity;
    const above = hi < n ? xs[hi] - m : Infinity;
    if (below <= above) {
      out[k] = below;
      lo--;
    } else {
      out[k] = above;
      hi++;
    }
  }
  return out;
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
  const gaps = new Float64Array(Math.max(0, at.length - 1));
  for (let i = 1; i < at.length; i++) gaps[i - 1] = (at[i] - at[i - 1]) / 1000;
  return { answerSeconds: dispersion(answerSeconds), gapSeconds: dispersion(gaps) };
}

/** The flag rule (see CrowdQualityRules): either kind of time far too regular for a person. */
export function timingFlag(e: TimingEvidence, rules: CrowdQualityRules): boolean {
  const tooRegular = (d: Dispersion) =>
    d.count >= rules.timingMinTimes && d.robustCv !== null && d.robustCv < rules.timingMaxCv;
  return tooRegular(e.answerSeconds) || tooRegular(e.gapSeconds);
}
