import "server-only";
import { codeVersion, type CodeVersion } from "./code-version";
import type { ResultsSettings } from "./settings";

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
