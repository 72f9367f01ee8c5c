import { flipWinner, majorityWinner } from "./aggregate";
import { emptyLooAgreement, looAgreement, looAgreementFlag, type ItemVote } from "./crowd-quality/loo-agreement";
import type { LooAgreementEvidence } from "./crowd-quality/loo-agreement";
import { DEFAULT_CROWD_QUALITY_RULES, type CrowdQualityRules, type CrowdSignal } from "./crowd-quality/rules";
import { sharedDeviceFlag, sharedDevices, type SharedDeviceEvidence } from "./crowd-quality/shared-device";
import { sideBias, sideBiasFlag, type Side, type SideBiasEvidence } from "./crowd-quality/side-bias";
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

interface Tally {
  n: number;
  gold: number;
  goldOk: number;
  cmp: number;
  agree: number;
  seconds: number[];
  timed: { at: number | undefined; side: Side | null; order: number }[];
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
  const acc = new Map<string, Tally>();
  const get = (id: string) => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { n: 0, gold: 0, goldOk: 0, cmp: 0, agree: 0, seconds: [], timed: [] }));
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
      a.n++;
      if (j.goldWinner !== undefined) {
        a.gold++;
        if (j.winner === j.goldWinner) a.goldOk++;
      }
      if (j.seconds !== undefined && Number.isFinite(j.seconds)) a.seconds.push(j.seconds);
      if (list.length > 1) {
        a.cmp++;
        if (majorityWinner(list.filter((_, k) => k !== idx).map((x) => x.vote)) === vote) a.agree++;
      }
    });
    items.push(votes);
  }
  const loo = looAgreement(items, rules);
  const medians = new Map<string, number>();
  for (const [id, a] of acc)
    if (a.seconds.length > 0) medians.set(id, quantileSorted(Float64Array.from(a.seconds).sort(), 0.5));
  const typical = [...acc].flatMap(([id, a]) => (a.seconds.length >= rules.speedMinTimes ? [medians.get(id)!] : []));
  const crowdMedianSeconds = typical.length > 0 ? quantileSorted(Float64Array.from(typical).sort(), 0.5) : null;
  const floorSeconds = Math.max(rules.minMedianSeconds, rules.speedRelative * (crowdMedianSeconds ?? 0));
  const anyLoo = loo.values().next().value;
  const devices = options.deviceHashes ? sharedDevices(options.deviceHashes) : null;
  return [...acc.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([annotatorId, a]) => {
      const inTime = a.timed.every((t) => t.at !== undefined)
        ? [...a.timed].sort((x, y) => x.at! - y.at! || x.order - y.order)
        : a.timed;
      const medianSeconds = medians.get(annotatorId) ?? null;
      const signals: CrowdSignals = {
        gold: { answered: a.gold, missed: a.gold - a.goldOk },
        speed: { timed: a.seconds.length, medianSeconds, crowdMedianSeconds, floorSeconds },
        sideBias: sideBias(inTime.flatMap((t) => (t.side === null ? [] : [t.side]))),
        timing: timingRegularity(
          a.seconds,
          a.timed.flatMap((t) => (t.at === undefined ? [] : [t.at])),
        ),
        looAgreement: loo.get(annotatorId) ?? emptyLooAgreement(anyLoo?.crowdRate ?? null, anyLoo?.testedRate ?? null),
        sharedDevice: devices ? (devices.get(annotatorId) ?? { hash: null, sharedWith: [] }) : null,
      };
      return {
        annotatorId,
        judgments: a.n,
        goldAnswered: a.gold,
        goldAccuracy: a.gold > 0 ? a.goldOk / a.gold : null,
        comparedWithOthers: a.cmp,
        agreementWithMajority: a.cmp > 0 ? a.agree / a.cmp : null,
        medianSeconds,
        signals,
        flags: crowdFlags(signals, rules),
      };
    });
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
