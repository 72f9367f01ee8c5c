import "server-only";
import type { CurrentUser } from "../auth/guard";
import { db } from "../db";
import { readAnnotatorQuality } from "./annotator-signals";
import { loadCampaignData } from "./campaign-data";
import { exclusionRule } from "./campaign-results";
import { csvLine } from "./csv";
import type { ResultsSettings } from "./settings";

export const PROLIFIC_COLUMNS = [
  "participant_id",
  "study_id",
  "session_id",
  "decision",
  "reason",
  "quality_flags",
  "judgments",
  "completed",
] as const;

export type ProlificDecision = "APPROVE" | "REJECT" | "REVIEW";

/**
 * The decision on one submission: REJECT when the annotator's judgments are left out of the
 * results (flagged under the settings' rule, or excluded by hand), APPROVE when they finished and
 * were not, REVIEW when they did not finish (no completion code: Prolific lets them return the
 * study, or the researcher decides).
 */
export function prolificDecision(excludedBecause: string | null, completed: boolean): ProlificDecision {
  return excludedBecause !== null ? "REJECT" : completed ? "APPROVE" : "REVIEW";
}

/**
 * A campaign's Prolific participants (PROLIFIC_PID, study and session) with an approve / reject
 * decision and its reason, as CSV for the researcher to check and act on in Prolific (bulk approve
 * takes the ids). The reason is the same as the annotator table's; quality_flags lists every flag
 * that fires, excluding or not. Sorted by participant id. Only for a campaign the user manages
 * (404 otherwise). Reads every judgment once.
 */
export async function prolificDecisionsCsv(
  user: CurrentUser,
  campaignId: string,
  settings: ResultsSettings,
): Promise<string> {
  const data = await loadCampaignData(user, campaignId);
  exclusionRule(data, settings, new Map()); // a bad `exclude` is refused before anything is read
  const quality = await readAnnotatorQuality(data);
  const rule = exclusionRule(data, settings, quality);
  const participants = await db.participation.findMany({
    where: { campaignId, crowdSource: "prolific", crowdId: { not: null } },
    select: { userId: true, crowdId: true, studyId: true, sessionId: true, completedAt: true },
    orderBy: [{ crowdId: "asc" }],
  });
  const lines = [csvLine(PROLIFIC_COLUMNS)];
  for (const p of participants) {
    const q = quality.get(data.annotators.get(p.userId)?.pseudonym ?? "");
    const reason = rule.reason(p.userId);
    const completed = p.completedAt !== null;
    lines.push(
      csvLine([
        p.crowdId,
        p.studyId,
        p.sessionId,
        prolificDecision(reason, completed),
        reason ?? (completed ? "" : "did not finish: no completion code"),
        q?.flags.join(";") ?? "",
        q?.judgments ?? 0,
        completed,
      ]),
    );
  }
  return lines.join("");
}
