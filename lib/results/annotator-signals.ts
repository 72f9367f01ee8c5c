import "server-only";
import type pg from "pg";
import { annotatorQualityFromAnswers, type AnnotatorQuality, type AnnotatorQualityOptions } from "../stats";
import { pseudonymOf, type CampaignData } from "./campaign-data";
import { annotatorAnswers, readAnswers, type AnnotatorTotals } from "./reductions";

/**
 * What annotator quality needs besides the answers: the campaign's own gold and speed limits
 * (the live check's rules, lib/judgments/quality-checks.ts) and each annotator's address hash,
 * keyed by pseudonym like the answers.
 */
export function annotatorQualityOptions(data: CampaignData): AnnotatorQualityOptions {
  const deviceHashes = new Map<string, string | null>();
  for (const a of data.annotators.values()) deviceHashes.set(a.pseudonym, a.addressHash);
  return {
    deviceHashes,
    rules: {
      goldFailLimit: data.campaign.goldFailLimit,
      goldMinJudged: data.campaign.goldMinJudged,
      minMedianSeconds: data.campaign.minJudgmentMs / 1000,
    },
  };
}

/** Quality of every annotator over all their judgments (gold and excluded included), by pseudonym, from their answers. */
export function qualityOfAnswers(
  data: CampaignData,
  answers: readonly AnnotatorTotals[],
): Map<string, AnnotatorQuality> {
  const pseudonym = pseudonymOf(data);
  const quality = annotatorQualityFromAnswers(
    answers.map((row) => annotatorAnswers(row, pseudonym)),
    annotatorQualityOptions(data),
  );
  return new Map(quality.map((q) => [q.annotatorId, q]));
}

/**
 * Annotator quality of every annotator (one read of their answers in PostgreSQL, never the
 * judgments one by one), by pseudonym; `on`: a snapshot's client, else the pool.
 */
export async function readAnnotatorQuality(
  data: CampaignData,
  on?: pg.PoolClient,
): Promise<Map<string, AnnotatorQuality>> {
  return qualityOfAnswers(data, (await readAnswers(on, data, [])).annotators);
}
