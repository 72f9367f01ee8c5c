import "server-only";
import { db } from "../db";
import type { CurrentUser } from "../auth/guard";
import { findOwnedCampaign } from "../campaigns/owned-campaign";
import { annotatorPseudonym } from "../results/pseudonyms";
import type { RatingRecord } from "../stats/rating/rating-stats";
import { RATING_SCALES, type RatingScale } from "../stats/rating/scales";
import { fromDbScale } from "./aspect-spec";

/** A rating campaign's aspect as results and exports describe it. */
export interface RatingAspect {
  id: string;
  key: string;
  label: string;
  question: string;
  showPrompt: boolean;
  scale: RatingScale;
  /** One label per scale value, lowest first. */
  labels: string[];
  ratingsPerImage: number;
}

/** One stored rating with what results and exports read: the model by name, the annotator by pseudonym. */
export interface StoredRating extends RatingRecord {
  annotatorId: string;
  /** The prompt's own id (the prompt file's id column). */
  promptExternalId: string;
  scaleKind: string;
  flagged: boolean;
  latencyMs: number | null;
  createdAt: Date;
}

/**
 * A user's rating campaign (404 for anyone else's, or a campaign of another task type) with its
 * aspects and every rating, the annotators pseudonymised per campaign (lib/results/pseudonyms.ts).
 * Complexity: one read of the campaign's ratings.
 */
export async function loadRatings(user: CurrentUser, campaignId: string) {
  const campaign = await findOwnedCampaign(user, campaignId);
  const criteria = await db.criterion.findMany({ where: { campaignId }, orderBy: { position: "asc" } });
  const aspects: RatingAspect[] = criteria.map((c) => {
    const scale = RATING_SCALES[fromDbScale(c.scale ?? "likert5")];
    return {
      id: c.id,
      key: c.key,
      label: c.label ?? c.key.replace(/_/g, " "),
      question: c.question,
      showPrompt: c.showPrompt,
      scale,
      labels: c.scaleLabels.length === scale.values.length ? c.scaleLabels : [...scale.labels],
      ratingsPerImage: c.judgmentsPerPair,
    };
  });
  const flagged = await flaggedAnnotators(campaignId);
  const rows = await db.rating.findMany({
    where: { image: { campaignId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      value: true,
      annotatorId: true,
      latencyMs: true,
      createdAt: true,
      criterion: { select: { key: true, scale: true } },
      image: {
        select: {
          id: true,
          model: { select: { name: true } },
          prompt: { select: { externalId: true, category: true } },
        },
      },
    },
  });
  const ratings: StoredRating[] = rows.map((r) => ({
    imageId: r.image.id,
    // The prompt file's id, as the export names it: analyze on the export clusters the same prompts.
    promptId: r.image.prompt.externalId,
    promptExternalId: r.image.prompt.externalId,
    model: r.image.model?.name ?? "(imported)",
    aspect: r.criterion.key,
    value: r.value,
    annotatorId: annotatorPseudonym(campaignId, r.annotatorId),
    category: r.image.prompt.category ?? undefined,
    scaleKind: fromDbScale(r.criterion.scale ?? "likert5"),
    flagged: flagged.has(r.annotatorId),
    latencyMs: r.latencyMs,
    createdAt: r.createdAt,
  }));
  return { campaign, aspects, ratings };
}

/** The campaign's flagged annotators (their answers are left out where the campaign excludes them). */
export async function flaggedAnnotators(campaignId: string): Promise<Set<string>> {
  const flagged = await db.participation.findMany({
    where: { campaignId, flaggedAt: { not: null } },
    select: { userId: true },
  });
  return new Set(flagged.map((p) => p.userId));
}
