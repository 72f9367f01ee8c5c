import "server-only";
import type pg from "pg";
import { run } from "../db/prepared";
import { WINNERS, type AnnotatorTally, type PairVotes, type Rating, type ReducedCriterion } from "../stats";
import type { CampaignData } from "./campaign-data";
import { ANALYSED_RATINGS, CAMPAIGN_REDUCTION, type AnnotatorTallyRow, type VoteCellRow } from "./statements";
import { winnerOf } from "./winner";

/**
 * A campaign's judgments reduced in PostgreSQL (CAMPAIGN_REDUCTION): vote cells and annotator
 * tallies, a few thousand rows whatever the number of judgments; and, only for Dawid–Skene, the
 * analysed judgments as compact arrays (the one estimator that needs every vote).
 * docs/STATISTICS.md ("Where each figure comes from") says which figure reads which.
 */
export interface CampaignReduction {
  cells: VoteCellRow[];
  tallies: AnnotatorTallyRow[];
  /** Per criterion id, in judgment order; null unless asked for. */
  ratings: Map<string, { pairs: string[]; annotators: string[]; winners: number[] }> | null;
}

/** Reads the reduction on `client` (a snapshot: lib/db/prepared.ts inSnapshot). `excluded`: user ids. */
export async function readReduction(
  client: pg.PoolClient,
  data: CampaignData,
  excluded: string[],
  withRatings: boolean,
): Promise<CampaignReduction> {
  const [{ cells, tallies }] = await run(
    CAMPAIGN_REDUCTION,
    [data.campaign.id, excluded, data.goldCriterionId],
    client,
  );
  let ratings: CampaignReduction["ratings"] = null;
  if (withRatings) {
    const rows = await run(ANALYSED_RATINGS, [data.campaign.id, excluded], client);
    ratings = new Map(rows.map((r) => [r.criterionId, r]));
  }
  return { cells, tallies, ratings };
}

/** Index into PairVotes.votes of a vote: its winner (WINNERS order) and which model was shown left. */
export function voteIndex(choice: string, leftIsA: boolean): number {
  return 2 * WINNERS.indexOf(winnerOf(choice, leftIsA)) + (leftIsA ? 0 : 1);
}

/** An annotator tally row as lib/stats reads it, under the annotator's pseudonym. */
export function annotatorTally(row: AnnotatorTallyRow, pseudonym: (userId: string) => string): AnnotatorTally {
  const [userId, , judgments, , goldAnswered, goldCorrect, compared, agreed, middle] = row;
  return {
    annotatorId: pseudonym(userId),
    judgments,
    goldAnswered,
    goldCorrect,
    compared,
    agreed,
    middleSeconds: middle ? [middle[0] / 1000, middle[1] / 1000] : null,
  };
}

/**
 * The analysed part of a reduction per criterion, as lib/stats reads it (ReducedCriterion): every
 * pair described exactly as its judgments are in the CSV export and as `photogenic analyze` reads
 * them back (judgment-rows.ts toStatsJudgment: fields trimmed, empty ones absent), so both paths
 * compute from the same records.
 */
export function reducedCriteria(data: CampaignData, reduction: CampaignReduction): ReducedCriterion[] {
  const pseudonym = (userId: string) => data.annotators.get(userId)?.pseudonym ?? userId;
  const keyOf = new Map(data.criteria.map((c) => [c.id, c.key.trim()]));
  const byCriterion = new Map<string, { pairs: Map<string, PairVotes>; annotators: AnnotatorTally[] }>();
  const criterion = (id: string) => {
    let c = byCriterion.get(id);
    if (!c) byCriterion.set(id, (c = { pairs: new Map(), annotators: [] }));
    return c;
  };
  for (const [criterionId, pairId, choice, leftIsA, excluded, n] of reduction.cells) {
    const info = data.pairs.get(pairId);
    if (excluded || !info) continue;
    const pairs = criterion(criterionId).pairs;
    let p = pairs.get(pairId);
    if (!p) {
      const category = info.category?.trim() || undefined;
      const challenge = info.challenge?.trim() || undefined;
      p = {
        pair: {
          pairId,
          promptId: info.promptId.trim(),
          category,
          challenge,
          modelA: info.modelA.trim(),
          modelB: info.modelB.trim(),
          criterion: keyOf.get(criterionId) || undefined,
        },
        votes: [0, 0, 0, 0, 0, 0],
      };
      pairs.set(pairId, p);
    }
    p.votes[voteIndex(choice, leftIsA)] += n;
  }
  for (const row of reduction.tallies)
    if (row[1] !== null) criterion(row[1]).annotators.push(annotatorTally(row, pseudonym));
  return [...byCriterion].flatMap(([criterionId, c]): ReducedCriterion[] => {
    if (c.pairs.size === 0) return [];
    const r = reduction.ratings?.get(criterionId);
    const ratings: Rating[] | undefined = r?.pairs.map((item, k) => ({
      item,
      rater: pseudonym(r.annotators[k]),
      label: WINNERS[r.winners[k]],
    }));
    return [
      { criterion: keyOf.get(criterionId) || null, pairs: [...c.pairs.values()], annotators: c.annotators, ratings },
    ];
  });
}
