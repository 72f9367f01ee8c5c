import { describe, expect, it } from "vitest";
import { aggregateByMajority, countOutcomes } from "./aggregate";
import { annotatorQuality } from "./annotator-quality";
import { CROWD_SIGNALS, type CrowdSignal } from "./crowd-quality/rules";
import { createRng, type Rng } from "./rng";
import type { Judgment, Winner } from "./types";

/**
 * The crowd-quality signals on simulated campaigns (docs/STATISTICS.md, "Crowd-quality signals"):
 * 200 honest annotators (noisy around true per-pair preferences, log-normal answer times, the
 * left/right order balanced per pair as the assignment engine does) and 20 bad ones — 10 who
 * always click left, 5 who answer at random and fast, 5 scripts answering on a metronome from one
 * address. Done when ≥ 95 % of the bad and ≤ 2 % of the honest annotators are flagged, and leaving
 * the flagged out brings the headline win rate closer to the honest-only figure in ≥ 95 % of
 * campaigns. Run: npx vitest run --project unit lib/stats/crowd-quality.simulation.test.ts
 */
const CAMPAIGNS = 100;
const HONEST = 200;
const VOTES_PER_PAIR = 5;
type Kind = "honest" | "always-left" | "random-fast" | "bot";
const BAD: [Kind, number][] = [
  ["always-left", 10],
  ["random-fast", 5],
  ["bot", 5],
];

interface Annotator {
  id: string;
  kind: Kind;
  judgments: number;
  /** Honest: probability of answering from the pair's true preference (else a coin). */
  reliability: number;
  tieRate: number;
  /** Honest: signed probability of just taking the left (> 0) or right (< 0) image. */
  sideLean: number;
  medianSeconds: number;
  logSd: number;
  address: string;
}

const normal = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.next();
const logNormal = (rng: Rng, median: number, logSd: number) => median * Math.exp(logSd * normal(rng));

function makeCrowd(rng: Rng): Annotator[] {
  const out: Annotator[] = [];
  const add = (kind: Kind, i: number) =>
    out.push({
      id: `${kind}-${i}`,
      kind,
      judgments: 60 + rng.int(81),
      reliability: uniform(rng, 0.7, 1),
      tieRate: kind === "honest" ? uniform(rng, 0, 0.15) : 0,
      sideLean: kind === "honest" ? uniform(rng, -0.05, 0.05) : 0,
      medianSeconds: kind === "random-fast" ? uniform(rng, 0.4, 1) : logNormal(rng, 4, 0.4),
      logSd: kind === "random-fast" ? 0.4 : uniform(rng, 0.3, 0.7),
      // The scripts run on one machine; everyone else has an address of their own.
      address: kind === "bot" ? "bot-farm" : `${kind}-${i}`,
    });
  for (let i = 0; i < HONEST; i++) add("honest", i);
  for (const [kind, count] of BAD) for (let i = 0; i < count; i++) add(kind, i);
  return out;
}

function shuffle<T>(xs: T[], rng: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [xs[i], xs[k]] = [xs[k], xs[i]];
  }
  return xs;
}

/** The vote of one annotator on a pair where model A is preferred with probability pA. */
function answer(a: Annotator, pA: number, leftIsA: boolean, rng: Rng): Winner {
  const left: Winner = leftIsA ? "A" : "B";
  const right: Winner = leftIsA ? "B" : "A";
  switch (a.kind) {
    case "always-left":
      return left;
    case "random-fast":
    case "bot":
      return rng.next() < 0.5 ? "A" : "B";
    case "honest":
      if (rng.next() < Math.abs(a.sideLean)) return a.sideLean > 0 ? left : right;
      if (rng.next() < a.tieRate) return "tie";
      if (rng.next() < a.reliability) return rng.next() < pA ? "A" : "B";
      return rng.next() < 0.5 ? "A" : "B";
  }
}

/**
 * One campaign: in each round every annotator with judgments left is shuffled into groups of
 * VOTES_PER_PAIR that judge a new pair (so nobody judges a pair twice); within a pair the left
 * image alternates from a random start, as the assignment engine's balancing does.
 */
function simulateCampaign(seed: number) {
  const rng = createRng(seed);
  const crowd = makeCrowd(rng);
  const clock = new Map(crowd.map((a) => [a.id, rng.next() * 3_600_000]));
  const judgments: Judgment[] = [];
  for (let round = 0, pair = 0; ; round++) {
    const active = shuffle(
      crowd.filter((a) => a.judgments > round),
      rng,
    );
    if (active.length === 0) break;
    for (let g = 0; g < active.length; g += VOTES_PER_PAIR, pair++) {
      // True preference for model A on this pair: a logistic of a normal quality difference.
      const pA = 1 / (1 + Math.exp(-3 * (0.3 + normal(rng))));
      const start = rng.int(2);
      active.slice(g, g + VOTES_PER_PAIR).forEach((a, k) => {
        const leftIsA = (start + k) % 2 === 0;
        const seconds = a.kind === "bot" ? 1.5 + 0.02 * normal(rng) : logNormal(rng, a.medianSeconds, a.logSd);
        const pause =
          a.kind === "bot" ? 0.2 : logNormal(rng, 0.8, 0.5) + (rng.next() < 0.01 ? uniform(rng, 30, 600) : 0);
        const at = clock.get(a.id)! + (seconds + pause) * 1000;
        clock.set(a.id, at);
        judgments.push({
          pairId: `p${pair}`,
          promptId: `p${pair}`,
          modelA: "m1",
          modelB: "m2",
          winner: answer(a, pA, leftIsA, rng),
          annotatorId: a.id,
          leftModel: leftIsA ? "m1" : "m2",
          criterion: "visual_appeal",
          seconds,
          at,
        });
      });
    }
  }
  return { crowd, judgments };
}

/** The headline: model m1's win rate against m2, majority per pair, ties counted half. */
function headline(judgments: readonly Judgment[]): number {
  const { win, tie, loss } = countOutcomes(aggregateByMajority(judgments), "m1", "m2");
  return (win + tie / 2) / (win + tie + loss);
}

describe("crowd-quality signals on simulated campaigns", () => {
  it("flag ≥ 95 % of bad annotators and ≤ 2 % of honest ones; excluding them moves the headline towards the honest figure", () => {
    const flagged = { honest: 0, bad: 0 };
    const byKind = new Map<Kind, number>();
    const bySignal = new Map<string, number>();
    let closer = 0;
    let distanceWith = 0;
    let distanceWithout = 0;
    let crowdAgreement = 0;
    let judgmentCount = 0;
    for (let c = 0; c < CAMPAIGNS; c++) {
      const { crowd, judgments } = simulateCampaign(1000 + c);
      const kind = new Map(crowd.map((a) => [a.id, a.kind]));
      const quality = annotatorQuality(judgments, { deviceHashes: new Map(crowd.map((a) => [a.id, a.address])) });
      const out = new Set<string>();
      crowdAgreement += quality[0].signals.looAgreement.crowdRate ?? NaN;
      judgmentCount += judgments.length;
      for (const q of quality) {
        const k = kind.get(q.annotatorId)!;
        for (const s of q.flags) bySignal.set(`${k} ${s}`, (bySignal.get(`${k} ${s}`) ?? 0) + 1);
        if (q.flags.length === 0) continue;
        out.add(q.annotatorId);
        byKind.set(k, (byKind.get(k) ?? 0) + 1);
        flagged[k === "honest" ? "honest" : "bad"]++;
      }
      const honestOnly = headline(judgments.filter((j) => kind.get(j.annotatorId!) === "honest"));
      const without = Math.abs(headline(judgments) - honestOnly);
      const withExclusion = Math.abs(headline(judgments.filter((j) => !out.has(j.annotatorId!))) - honestOnly);
      distanceWithout += without;
      distanceWith += withExclusion;
      if (withExclusion < without) closer++;
    }
    const badTotal = BAD.reduce((s, [, n]) => s + n, 0) * CAMPAIGNS;
    const context = {
      judgmentsPerCampaign: judgmentCount / CAMPAIGNS,
      meanCrowdLooAgreement: crowdAgreement / CAMPAIGNS,
    };
    const rates = {
      badFlagged: flagged.bad / badTotal,
      honestFlagged: flagged.honest / (HONEST * CAMPAIGNS),
      closerShare: closer / CAMPAIGNS,
      meanDistanceWithExclusion: distanceWith / CAMPAIGNS,
      meanDistanceWithoutExclusion: distanceWithout / CAMPAIGNS,
    };
    const perKind = Object.fromEntries(
      [["honest", HONEST] as const, ...BAD].map(([k, n]) => [k, (byKind.get(k) ?? 0) / (n * CAMPAIGNS)]),
    );
    const perSignal = Object.fromEntries(
      [["honest", HONEST] as const, ...BAD].flatMap(([k, n]) =>
        CROWD_SIGNALS.map((s: CrowdSignal) => [`${k} ${s}`, (bySignal.get(`${k} ${s}`) ?? 0) / (n * CAMPAIGNS)]),
      ),
    );
    console.log(
      "crowd-quality simulation",
      JSON.stringify({ campaigns: CAMPAIGNS, context, rates, perKind, perSignal }, null, 1),
    );

    expect(rates.badFlagged).toBeGreaterThanOrEqual(0.95);
    expect(rates.honestFlagged).toBeLessThanOrEqual(0.02);
    expect(rates.closerShare).toBeGreaterThanOrEqual(0.95);
    expect(rates.meanDistanceWithExclusion).toBeLessThan(rates.meanDistanceWithoutExclusion);
  }, 60_000);
});
