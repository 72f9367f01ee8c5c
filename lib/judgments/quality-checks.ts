import "server-only";
import { db } from "../db";
import { goldRecords } from "../gold/gold-accuracy";

/** Judgments whose median time is compared with the campaign's floor. */
export const FAST_WINDOW = 10;

/** What the checks read: the participation's flag, the campaign's limits, the latest latencies (newest first). */
export interface QualityInputs {
  participating: boolean;
  flaggedAt: Date | null;
  goldFailLimit: number;
  goldMinJudged: number;
  minJudgmentMs: number;
  latencies: number[];
}

/**
 * Runs after each judgment: flags the annotator (Participation.flaggedAt / flagReason) when they
 * fail more gold pairs than the campaign allows, or when their last FAST_WINDOW judgments have
 * a median time below the campaign's minJudgmentMs. Returns whether they are flagged now.
 * A flag is never lifted here: a researcher decides.
 *
 * The inputs are read by submitJudgment in its first statement, before its own judgment is
 * written: `latestMs` is that judgment's time, put in front. Costs no query unless this was a
 * gold pair or the annotator is flagged now.
 */
export async function applyQualityChecks(
  campaignId: string,
  annotatorId: string,
  afterGold: boolean,
  inputs: QualityInputs,
  latestMs?: number | null,
): Promise<boolean> {
  if (!inputs.participating) return false;
  if (inputs.flaggedAt) return true;

  let reason: string | null = null;
  if (afterGold) {
    const [record] = await goldRecords(campaignId, annotatorId);
    const failed = record ? record.judged - record.correct : 0;
    if (record && record.judged >= inputs.goldMinJudged && failed / record.judged > inputs.goldFailLimit) {
      reason = `gold: missed ${failed} of ${record.judged} attention checks`;
    }
  }
  if (!reason && inputs.minJudgmentMs > 0) {
    const recent = (latestMs == null ? inputs.latencies : [latestMs, ...inputs.latencies]).slice(0, FAST_WINDOW);
    const median = medianOf(recent);
    if (recent.length === FAST_WINDOW && median < inputs.minJudgmentMs) {
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
