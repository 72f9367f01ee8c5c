import "server-only";
import { db } from "../db";
import { annotatorQuality, type AnnotatorQuality, type AnnotatorQualityOptions, type Judgment } from "../stats";
import type { CampaignData } from "./campaign-data";
import { judgmentRows, toStatsJudgment, type JudgmentRow } from "./judgment-rows";

/**
 * The record annotator quality reads: the statistics' judgment plus its recording time (the
 * inter-judgment times of the timing signal). Only the quality figures get `at`: the judgments
 * that enter the statistics stay exactly what `photogenic analyze` reads back from the CSV.
 */
export function qualityJudgment(row: JudgmentRow, j: Judgment = toStatsJudgment(row)): Judgment {
  return { ...j, at: row.createdAt.getTime() };
}

/**
 * What annotator quality needs besides the judgments: the campaign's own gold and speed limits
 * (the live check's rules, lib/judgments/quality-checks.ts) and each annotator's address hash,
 * keyed by pseudonym like the judgments.
 */
export async function annotatorQualityOptions(data: CampaignData): Promise<AnnotatorQualityOptions> {
  const [campaign, participations] = await Promise.all([
    db.campaign.findUniqueOrThrow({
      where: { id: data.campaign.id },
      select: { goldFailLimit: true, goldMinJudged: true, minJudgmentMs: true },
    }),
    db.participation.findMany({ where: { campaignId: data.campaign.id }, select: { userId: true, addressHash: true } }),
  ]);
  const hashes = new Map(participations.map((p) => [p.userId, p.addressHash]));
  const deviceHashes = new Map<string, string | null>();
  for (const [userId, a] of data.annotators) deviceHashes.set(a.pseudonym, hashes.get(userId) ?? null);
  return {
    deviceHashes,
    rules: {
      goldFailLimit: campaign.goldFailLimit,
      goldMinJudged: campaign.goldMinJudged,
      minMedianSeconds: campaign.minJudgmentMs / 1000,
    },
  };
}

/** Quality of every annotator over all their judgments (gold included), by pseudonym. */
export function qualityByAnnotator(
  judgments: readonly Judgment[],
  options: AnnotatorQualityOptions,
): Map<string, AnnotatorQuality> {
  return new Map(annotatorQuality(judgments, options).map((q) => [q.annotatorId, q]));
}

/** Reads every judgment once (keyset pages) for annotator quality alone, without the statistics. */
export async function readAnnotatorQuality(data: CampaignData): Promise<Map<string, AnnotatorQuality>> {
  const judgments: Judgment[] = [];
  for await (const page of judgmentRows(data, () => false))
    for (const row of page) judgments.push(qualityJudgment(row));
  return qualityByAnnotator(judgments, await annotatorQualityOptions(data));
}
