import "server-only";
import type { CurrentUser } from "../auth/guard";
import { AppError } from "../errors";
import { findOwnedCampaign } from "../campaigns/owned-campaign";
import { codeVersion, type CodeVersion } from "./code-version";
import { cachedResults } from "./results-cache";
import { DEFAULT_RESULTS_SETTINGS, type ResultsSettings } from "./settings";

/** What an item campaign's report (rating, ranking) says about the campaign and how it was analysed. */
export interface ItemReportHead {
  campaign: { id: string; name: string; status: string };
  settings: { rounds: number; seed: number; level: number; flaggedAnnotatorsExcluded: boolean };
  codeVersion: CodeVersion;
}

/** The counts every item report's data snapshot carries, beside its own (answers read, items). */
export interface ItemSnapshotCounts {
  analysed: number;
  excluded: number;
  annotators: number;
  /** The newest answer read (ISO), null without one. */
  time: string | null;
}

type Answer = { annotatorId: string; flagged: boolean; createdAt: Date };

/**
 * The answers an item report analyses — all of them, flagged annotators' left out when the
 * campaign excludes them — with the report's head and snapshot counts. Complexity O(answers).
 */
export function itemReportBasis<A extends Answer>(
  campaign: { id: string; name: string; status: string; excludeFlagged: boolean },
  answers: A[],
  settings: Pick<ResultsSettings, "rounds" | "seed" | "level">,
): {
  analysed: A[];
  options: Pick<ResultsSettings, "rounds" | "seed" | "level">;
  head: ItemReportHead;
  counts: ItemSnapshotCounts;
} {
  const analysed = answers.filter((r) => !(campaign.excludeFlagged && r.flagged));
  const options = { rounds: settings.rounds, seed: settings.seed, level: settings.level };
  const last = answers.reduce<Date | null>((t, r) => (t && t > r.createdAt ? t : r.createdAt), null);
  return {
    analysed,
    options,
    head: {
      campaign: { id: campaign.id, name: campaign.name, status: campaign.status },
      settings: { ...options, flaggedAnnotatorsExcluded: campaign.excludeFlagged },
      codeVersion: codeVersion(),
    },
    counts: {
      analysed: analysed.length,
      excluded: answers.length - analysed.length,
      annotators: new Set(analysed.map((r) => r.annotatorId)).size,
      time: last?.toISOString() ?? null,
    },
  };
}

/** The settings an item report reads (rounds, seed, level). */
export type ItemResultsSettings = Pick<ResultsSettings, "rounds" | "seed" | "level">;

/**
 * An item campaign's results function (rating, ranking): `compute` through the results cache, as a
 * pairwise campaign's results are kept (results-cache.ts cachedResults): only for the user's
 * campaign of `taskType` (404 otherwise, checked before anything kept is answered); kept per the
 * settings an item report reads (the pairwise settings left at their defaults, so they do not split
 * what is kept) and answered from there until an answer, a flag or an edit moves the campaign's
 * state (`stale`: see cachedResults). Complexity: two reads of a row when kept; `compute`'s own otherwise.
 */
export function cachedItemResults<R>(
  taskType: "rating" | "ranking",
  compute: (user: CurrentUser, campaignId: string, settings: ItemResultsSettings) => Promise<R>,
) {
  return async (
    user: CurrentUser,
    campaignId: string,
    settings: ItemResultsSettings,
    options: { stale?: boolean } = {},
  ): Promise<R> => {
    const campaign = await findOwnedCampaign(user, campaignId);
    if (campaign.taskType !== taskType) throw new AppError("NOT_FOUND", "Campaign not found");
    const { rounds, seed, level } = settings;
    const kept = await cachedResults(
      campaignId,
      { ...DEFAULT_RESULTS_SETTINGS, rounds, seed, level },
      () => compute(user, campaignId, settings),
      options,
    );
    return kept.value;
  };
}
