import "server-only";
import type { CurrentUser } from "../auth/guard";
import { run } from "../db/prepared";
import { AppError } from "../errors";
import { analyseCampaign, type CampaignAnalysis } from "./campaign-results";
import { DEFAULT_RESULTS_SETTINGS } from "./settings";
import { JUDGMENT_PACE, RESULTS_STATE } from "./statements";

export interface LiveResults {
  /** The results page's figures under the default settings (kept; see analyseCampaign's `stale`). */
  analysis: CampaignAnalysis;
  /** Judgments now, from the kept counter. */
  judgments: number;
  /** Judgments per hour over the last 12 hours, oldest first, from the kept 5-minute counts. */
  hourly: number[];
  /** [userId, flagReason] of the flagged annotators now. */
  flagged: [string, string | null][];
}

/**
 * What the campaign page's live summary shows, polled every 2 s: kept counters (judgments, pace,
 * flags: a few rows) and the results page's own figures, kept per data state — so the live
 * win rates are the results page's, and a poll reads no judgment unless no figures were ever kept.
 */
export async function liveResults(user: CurrentUser, campaignId: string): Promise<LiveResults> {
  const [analysis, [state], pace] = await Promise.all([
    analyseCampaign(user, campaignId, DEFAULT_RESULTS_SETTINGS, { stale: true }),
    run(RESULTS_STATE, [campaignId]),
    run(JUDGMENT_PACE, [campaignId]),
  ]);
  if (!state) throw new AppError("NOT_FOUND", "Campaign not found");
  const hourly = Array.from({ length: 12 }, (_, i) => pace.find((r) => r.hoursAgo === 11 - i)?.judgments ?? 0);
  return { analysis, judgments: state.judgments, hourly, flagged: state.flagged };
}
