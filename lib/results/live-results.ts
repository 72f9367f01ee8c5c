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
  const [analysis, counters] = await Promise.all([
    analyseCampaign(user, campaignId, DEFAULT_RESULTS_SETTINGS, { stale: true }),
    keptCounters(campaignId),
  ]);
  return { analysis, ...counters };
}

/**
 * A campaign's kept counters (migration results_cache; a rating or ranking campaign's count its
 * ratings or rankings, migration item_answer_counts): answers now, per hour over the last 12
 * hours (oldest first), and the flagged annotators. A few rows, whatever the campaign's size.
 * The caller has checked that the user may read the campaign.
 */
export async function keptCounters(campaignId: string): Promise<Omit<LiveResults, "analysis">> {
  const [[state], pace] = await Promise.all([run(RESULTS_STATE, [campaignId]), run(JUDGMENT_PACE, [campaignId])]);
  if (!state) throw new AppError("NOT_FOUND", "Campaign not found");
  const hourly = Array.from({ length: 12 }, (_, i) => pace.find((r) => r.hoursAgo === 11 - i)?.judgments ?? 0);
  return { judgments: state.judgments, hourly, flagged: state.flagged };
}
