import { flipWinner, majorityWinner } from "./aggregate";
import {
  emptyLooAgreement,
  looAgreementFromCounts,
  looAgreementFlag,
  looCounts,
  type ItemVote,
  type LooCounts,
} from "./crowd-quality/loo-agreement";
import type { LooAgreementEvidence } from "./crowd-quality/loo-agreement";
import { DEFAULT_CROWD_QUALITY_RULES, type CrowdQualityRules, type CrowdSignal } from "./crowd-quality/rules";
import { sharedDeviceFlag, sharedDevices, type SharedDeviceEvidence } from "./crowd-quality/shared-device";
import { sideBias, sideBiasFlag, type Side, type SideBiasEvidence, type Sides } from "./crowd-quality/side-bias";
import { timingFlag, timingRegularity, type TimingEvidence } from "./crowd-quality/timing-regularity";
import { quantileSorted } from "./quantile";
import type { Judgment, Winner } from "./types";

/** Gold pairs answered and missed (a tie or the broken copy is a miss). */
export interface GoldEvidence {
  answered: number;
  missed: number;
}

/** Answers with a time, their median, the crowd's typical median and the floor compared with. */
export interface SpeedEvidence {
  timed: number;
  medianSeconds: number | null;
  /** Median of the medians of annotators with ≥ speedMinTimes timed answers. */
  crowdMedianSeconds: number | null;
  /** max(minMedianSeconds, speedRelative × crowdMedianSeconds). */
  floorSeconds: number;
}

/** The evidence behind each crowd-quality signal, numbers a researcher can read. */
export interface CrowdSignals {
  gold: GoldEvidence;
  speed: SpeedEvidence;
  sideBias: SideBiasEvidence;
  timing: TimingEvidence;
  looAgreement: LooAgreementEvidence;
  /** Null when no device/address hash is known for anyone. */
  sharedDevice: SharedDeviceEvidence | null;
}

export interface AnnotatorQuality {
  annotatorId: string;
  judgments: number;
  /** Gold pairs answered and the share answered as the gold answer; null without gold pairs. */
  goldAnswered: number;
  goldAccuracy: number | null;
  /** Judgments on pairs with at least one other vote, and the share equal to the others' majority. */
  comparedWithOthers: number;
  agreementWithMajority: number | null;
  /** Median seconds per vote; null when no vote has a duration. */
  medianSeconds: number | null;
  signals: CrowdSignals;
  /** The signals whose flag rule fired (CrowdQualityRules), in CROWD_SIGNALS order. */
  flags: CrowdSignal[];
}

export interface AnnotatorQualityOptions {
  /** Device/address hash per annotator id (the shared-device signal); absent: not computed. */
  deviceHashes?: ReadonlyMap<string, string | null>;
  rules?: Partial<CrowdQualityRules>;
}

/** Which side the annotator picked: the side of the model they voted for; null when unknown. */
function chosenSide(j: Judgment): Side | null {
  if (j.leftModel === undefined || (j.leftModel !== j.modelA && j.leftModel !== j.modelB)) return null;
  if (j.winner === "tie") return "tie";
  return (j.winner === "A" ? j.modelA : j.modelB) === j.leftModel ? "left" : "right";
}

/**
 * One annotator's answers, counted and listed: everything annotatorQuality computes from. Built
 * from judgments (annotatorQuality) or counted where the judgments live (lib/results/reductions.ts);
 * the same answers give the same figures.
 */
export interface AnnotatorAnswers {
  annotatorId: string;
  judgments: number;
  /** Gold answers (judgments with a goldWinner) and those equal to it. */
  goldAnswered: number;
  goldCorrect: number;
  /** Votes on a (criterion, pair) with other votes, and those equal to majorityWinner of the others. */
  compared: number;
  agreed: number;
  /** looCounts at the rules' looMinOthers: items with a majority among the others, and those agreed with. */
  loo: LooCounts;
  /** Seconds per answer, where known (any order; a typed array for many, read as given when ascending). */
  seconds: ArrayLike<number>;
  /** The side of every answer whose side is known, in recording order (Sides: or as one string of letters). */
  sides: Sides;
  /** Recording times in ms since the epoch, where known (any order; a typed array for many). */
  recordedAt: ArrayLike<number>;
}

/**
 * Per-annotator quality figures and crowd-quality signals.
 * - gold accuracy: share of gold pairs answered with the known answer;
 * - agreement with the leave-one-out majority: for each vote, the majority (majorityWinner) of the
 *   *other* votes on the same pair and criterion; an annotator whose votes rarely match it is
 *   careless or adversarial. Leaving the annotator out avoids rewarding them for their own vote.
 * - median seconds per vote (very fast voting is the classic crowd-work warning sign);
 * - signals (lib/stats/crowd-quality, each with its definition and reference): gold misses under
 *   the live check's rule (lib/judgments/quality-checks.ts), median speed against the larger of
 *   the campaign's floor and a share of the crowd's typical median, side bias and
 *   straight-lining (sideBias, over the answers in recording order — `at` when every judgment
 *   has it, else input order), timing regularity (timingRegularity), agreement with the
 *   leave-one-out majority tested against the crowd's (looAgreement), shared device (sharedDevices);
 *   `flags` lists those whose rule fires (CrowdQualityRules, DEFAULT_CROWD_QUALITY_RULES).
 * Reference: Dawid & Skene (1979) for the idea of per-annotator error; leave-one-out agreement as in
 * Snow et al. (2008), "Cheap and fast — but is it good?", EMNLP, §4.
 * Complexity: O(n log n + Σ m²) for n judgments and m votes per pair. Sorted by annotator id.
 */
export function annotatorQuality(
  judgments: readonly Judgment[],
  options: AnnotatorQualityOptions = {},
): AnnotatorQuality[] {
  const rules = { ...DEFAULT_CROWD_QUALITY_RULES, ...options.rules };
  const byPair = new Map<string, { j: Judgment; vote: Winner }[]>();
  for (const j of judgments) {
    const key = `${j.criterion ?? ""}\u0000${j.pairId}`;
    let list = byPair.get(key);
    if (!list) byPair.set(key, (list = []));
    // Orient every vote like the pair's first judgment so that swapped storage cannot look like disagreement.
    const ref = list[0]?.j ?? j;
    list.push({ j, vote: ref.modelA === j.modelA ? j.winner : flipWinner(j.winner) });
  }
  type Tally = Omit<AnnotatorAnswers, "loo" | "sides" | "seconds"> & {
    seconds: number[];
    timed: { at: number | undefined; side: Side | null; order: number }[];
  };
  const acc = new Map<string, Tally>();
  const get = (annotatorId: string) => {
    let a = acc.get(annotatorId);
    if (!a)
      acc.set(
        annotatorId,
        (a = {
          annotatorId,
          judgments: 0,
          goldAnswered: 0,
          goldCorrect: 0,
          compared: 0,
          agreed: 0,
          seconds: [],
          recordedAt: [],
          timed: [],
        }),
      );
    return a;
  };
  let order = 0;
  for (const j of judgments) {
    if (j.annotatorId === undefined) continue;
    get(j.annotatorId).timed.push({ at: j.at, side: chosenSide(j), order: order++ });
  }
  const items: ItemVote[][] = [];
  for (const list of byPair.values()) {
    const votes: ItemVote[] = [];
    list.forEach(({ j, vote }, idx) => {
      if (j.annotatorId === undefined) return;
      votes.push({ annotatorId: j.annotatorId, vote });
      const a = get(j.annotatorId);
      a.judgments++;
      if (j.goldWinner !== undefined) {
        a.goldAnswered++;
        if (j.winner === j.goldWinner) a.goldCorrect++;
      }
      if (j.seconds !== undefined && Number.isFinite(j.seconds)) a.seconds.push(j.seconds);
      if (list.length > 1) {
        a.compared++;
        if (majorityWinner(list.filter((_, k) => k !== idx).map((x) => x.vote)) === vote) a.agreed++;
      }
    });
    items.push(votes);
  }
  const loo = looCounts(items, rules);
  const answers = [...acc.values()].map(({ timed, ...a }): AnnotatorAnswers => {
    const inTime = timed.every((t) => t.at !== undefined)
      ? [...timed].sort((x, y) => x.at! - y.at! || x.order - y.order)
      : timed;
    return {
      ...a,
      loo: loo.get(a.annotatorId) ?? { items: 0, agreed: 0 },
      sides: inTime.flatMap((t) => (t.side === null ? [] : [t.side])),
      recordedAt: timed.flatMap((t) => (t.at === undefined ? [] : [t.at])),
    };
  });
  return annotatorQualityFromAnswers(answers, options);
}

/**
 * annotatorQuality from each annotator's answers (see AnnotatorAnswers; `loo` counted at the
 * rules' looMinOthers). Complexity: O(n log n) for n answers in all. Sorted by annotator id.
 */
export function annotatorQualityFromAnswers(
  answers: readonly AnnotatorAnswers[],
  options: AnnotatorQualityOptions = {},
): AnnotatorQuality[] {
  const rules = { ...DEFAULT_CROWD_QUALITY_RULES, ...options.rules };
  const loo = looAgreementFromCounts(
    new Map(answers.filter((a) => a.loo.items > 0).map((a) => [a.annotatorId, a.loo])),
    rules,
  );
  const medians = new Map<string, number>();
  // Each annotator's seconds sorted once, for the median here and the timing's dispersion.
  const sortedSeconds = new Map<string, ArrayLike<number>>();
  for (const a of answers) {
    if (a.seconds.length === 0) continue;
    const sorted = ascendingSeconds(a.seconds);
    sortedSeconds.set(a.annotatorId, sorted);
    medians.set(a.annotatorId, quantileSorted(sorted, 0.5));
  }
  const typical = answers.flatMap((a) =>
    a.seconds.length >= rules.speedMinTimes ? [medians.get(a.annotatorId)!] : [],
  );
  const crowdMedianSeconds = typical.length > 0 ? quantileSorted(Float64Array.from(typical).sort(), 0.5) : null;
  const floorSeconds = Math.max(rules.minMedianSeconds, rules.speedRelative * (crowdMedianSeconds ?? 0));
  const anyLoo = loo.values().next().value;
  const devices = options.deviceHashes ? sharedDevices(options.deviceHashes) : null;
  return [...answers]
    .sort((x, y) => (x.annotatorId < y.annotatorId ? -1 : x.annotatorId > y.annotatorId ? 1 : 0))
    .map((a) => {
      const { annotatorId } = a;
      const medianSeconds = medians.get(annotatorId) ?? null;
      const signals: CrowdSignals = {
        gold: { answered: a.goldAnswered, missed: a.goldAnswered - a.goldCorrect },
        speed: { timed: a.seconds.length, medianSeconds, crowdMedianSeconds, floorSeconds },
        sideBias: sideBias(a.sides),
        timing: timingRegularity(sortedSeconds.get(annotatorId) ?? a.seconds, a.recordedAt),
        looAgreement: loo.get(annotatorId) ?? emptyLooAgreement(anyLoo?.crowdRate ?? null, anyLoo?.testedRate ?? null),
        sharedDevice: devices ? (devices.get(annotatorId) ?? { hash: null, sharedWith: [] }) : null,
      };
      return {
        annotatorId,
        judgments: a.judgments,
        goldAnswered: a.goldAnswered,
        goldAccuracy: a.goldAnswered > 0 ? a.goldCorrect / a.goldAnswered : null,
        comparedWithOthers: a.compared,
        agreementWithMajority: a.compared > 0 ? a.agreed / a.compared : null,
        medianSeconds,
        signals,
        flags: crowdFlags(signals, rules),
      };
    });
}

/**
 * `seconds` in ascending order: as given when a Float64Array already is (read, never written), else
 * a sorted copy — the same values in the same order either way.
 */
function ascendingSeconds(seconds: ArrayLike<number>): ArrayLike<number> {
  if (seconds instanceof Float64Array) {
    let ascending = true;
    // Not `<`: a NaN anywhere makes it unsorted (a sort moves NaN to the end).
    for (let i = 1; i < seconds.length && ascending; i++) ascending = seconds[i - 1] <= seconds[i];
    if (ascending) return seconds;
  }
  return Float64Array.from(seconds).sort();
}

/** The signals whose flag rule fires, in CROWD_SIGNALS order. */
export function crowdFlags(signals: CrowdSignals, rules: CrowdQualityRules = DEFAULT_CROWD_QUALITY_RULES) {
  const flags: CrowdSignal[] = [];
  const { gold, speed } = signals;
  if (gold.answered >= rules.goldMinJudged && gold.missed / gold.answered > rules.goldFailLimit) flags.push("gold");
  if (speed.timed >= rules.speedMinTimes && speed.medianSeconds !== null && speed.medianSeconds < speed.floorSeconds)
    flags.push("speed");
  if (sideBiasFlag(signals.sideBias, rules)) flags.push("side-bias");
  if (timingFlag(signals.timing, rules)) flags.push("timing");
  if (looAgreementFlag(signals.looAgreement, rules)) flags.push("loo-agreement");
  if (signals.sharedDevice && sharedDeviceFlag(signals.sharedDevice, rules.sharedDeviceMinGroup))
    flags.push("shared-device");
  return flags;
}
