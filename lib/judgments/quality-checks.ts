import "server-only";
import { db } from "../db";
import { goldRecords } from "../gold/gold-accuracy";

/** Judgments whose median time is compared with the campaign's floor. */
export const FAST_WINDOW = 10;

/**
 * Runs after each judgment: flags the annotator (Participation.flaggedAt / flagReason) when they
 * fail more gold pairs than the campaign allows, or when their last FAST_WINDOW judgments have
 * a median time below the campaign's minJudgmentMs. Returns whether they are flagged now.
 * A flag is never lifted here: a researcher decides.
 */
export async function checkAnnotatorQuality(campaignId: string, annotatorId: string, afterGold: boolean): Promise<boolean> {
  const participation = await db.participation.findUnique({
    where: { campaignId_userId: { campaignId, userId: annotatorId } },
    select: { flaggedAt: true, campaign: { select: { goldFailLimit: true, goldMinJudged: true, minJudgmentMs: true } } },
  });
  if (!participation) return false;
  if (participation.flaggedAt) return true;
  const settings = participation.campaign;

  let reason: string | null = null;
  if (afterGold) {
    const [record] = await goldRecords(campaignId, annotatorId);
    const failed = record ? record.judged - record.correct : 0;
    if (record && record.judged >= settings.goldMinJudged && failed / record.judged > settings.goldFailLimit) {
      reason = `gold: missed ${failed} of ${record.judged} attention checks`;
    }
  }
  if (!reason && settings.minJudgmentMs > 0) {
    const recent = await db.judgment.findMany({
      where: { annotatorId, pair: { campaignId }, latencyMs: { not: null } },
      orderBy: { createdAt: "desc" },
      take: FAST_WINDOW,
      select: { latencyMs: true },
    });
    const median = medianOf(recent.map((j) => j.latencyMs!));
    if (recent.length === FAST_WINDOW && median < settings.minJudgmentMs) {
      reason = `fast: median ${Math.round(median)} ms over the last ${FAST_WINDOW} judgments`;
    }
  }
  if (!reason) return false;
  await db.participation.updateMany({
    where: { campaignId, userId: annotatorId, flaggedAt: null },
    data: { flaggedAt: new Date(), flagReason: reason },
  });
  return true;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return Infinity;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
