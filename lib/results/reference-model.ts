import { AppError } from "../errors";
import type { ReportJson } from "./report-json";
import type { ResultsSettings } from "./settings";
import { inProtocolOrder } from "./criterion-reading";

/**
 * The model a report is read from (settings `reference`): each criterion's verdict and every
 * matchup put it first. Asked for by name, it must be one of the campaign's models (a typo is a
 * 422 naming `reference`, not a silently different page). By default: the leader (top
 * Bradley–Terry rating) on the first criterion in protocol order that has a leaderboard, so
 * matchups read winner-first; before any judgment, the campaign's first model.
 */
export function resolveReference(report: ReportJson, requested: string | null): string | null {
  const models = report.protocol.models;
  if (requested !== null) {
    if (!models.includes(requested))
      throw new AppError("VALIDATION", `Invalid results settings: reference: no model ${requested} in this campaign`, [
        { field: "reference", message: `not one of this campaign's models (${models.join(", ")})` },
      ]);
    return requested;
  }
  const first = inProtocolOrder(report).find(({ c }) => (c.leaderboard?.rows.length ?? 0) > 0);
  return first?.c.leaderboard?.rows[0].model ?? models[0] ?? null;
}

/** The report with its settings' reference resolved (kept results are shared by every reference). */
export function withReference<T extends { report: ReportJson }>(
  analysis: T,
  settings: Pick<ResultsSettings, "reference">,
): T {
  const reference = resolveReference(analysis.report, settings.reference);
  return { ...analysis, report: { ...analysis.report, settings: { ...analysis.report.settings, reference } } };
}
