/**
 * The crowd-quality signals and the thresholds of their flags. Each default is explained here and
 * in docs/STATISTICS.md ("Crowd-quality signals"); the simulation in
 * lib/stats/crowd-quality.simulation.test.ts measures how often they flag honest and bad annotators.
 */
export const CROWD_SIGNALS = ["gold", "speed", "side-bias", "timing", "loo-agreement", "shared-device"] as const;
export type CrowdSignal = (typeof CROWD_SIGNALS)[number];

export interface CrowdQualityRules {
  /**
   * Gold: flag when more than goldFailLimit of at least goldMinJudged gold pairs were missed —
   * the rule the voting path applies live (lib/judgments/quality-checks.ts), with the same
   * defaults as a new campaign; the results pass the campaign's own values.
   */
  goldFailLimit: number;
  goldMinJudged: number;
  /**
   * Speed: flag when the median answer time over at least speedMinTimes answers is below the
   * larger of minMedianSeconds (a new campaign's minJudgmentMs, 800 ms: less than it takes to look
   * at two images; the results pass the campaign's own value) and speedRelative × the crowd's
   * typical median (the median of the annotators' medians): a speeder is judged against the pace
   * of the task at hand, as in survey research (Greszki, Meyer & Schoen 2015). 0 and 0 turn it off.
   */
  minMedianSeconds: number;
  speedRelative: number;
  speedMinTimes: number;
  /**
   * Side bias: flag when the exact two-sided binomial test of the left share against ½ gives
   * p < sideAlpha AND the share is at least sideMargin away from ½ (a mild, common position
   * preference is not straight-lining), or when the longest run of one side has p < runAlpha under
   * the fair-coin null. The assignment engine balances which image is on the left, so an
   * annotator who looks at the images picks each side about half the time.
   */
  sideAlpha: number;
  sideMargin: number;
  runAlpha: number;
  /**
   * Timing: flag when the robust coefficient of variation (1.4826·MAD / median) of the
   * time-to-answer or of the inter-judgment times is below timingMaxCv over at least
   * timingMinTimes values. Human response times are right-skewed and their spread grows with
   * their mean (Wagenmakers & Brown 2007), CV typically 0.3–1; 0.1 means every answer within
   * about ±10 % of the typical time, a pace no person keeps over 20 image comparisons.
   */
  timingMaxCv: number;
  timingMinTimes: number;
  /**
   * Leave-one-out agreement: on (pair, criterion) items with at least looMinOthers other votes of
   * which more than half give one answer, flag when the one-sided exact binomial test of "agreement ≥ the crowd's typical agreement
   * (median over annotators with ≥ looMinItems items) − looMargin" gives p < looAlpha.
   */
  looMinOthers: number;
  looMinItems: number;
  looMargin: number;
  looAlpha: number;
  /** Shared device: flag when at least this many annotators share one address hash. */
  sharedDeviceMinGroup: number;
}

export const DEFAULT_CROWD_QUALITY_RULES: CrowdQualityRules = {
  goldFailLimit: 0.34,
  goldMinJudged: 3,
  minMedianSeconds: 0.8,
  speedRelative: 0.3,
  speedMinTimes: 10,
  sideAlpha: 0.001,
  sideMargin: 0.25,
  runAlpha: 0.001,
  timingMaxCv: 0.1,
  timingMinTimes: 20,
  looMinOthers: 3,
  looMinItems: 10,
  looMargin: 0.1,
  looAlpha: 0.01,
  sharedDeviceMinGroup: 2,
};
